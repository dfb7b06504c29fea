// Starts GOV.UK Frontend's components (error summary focus, conditional reveals, password reveal...).
// An external file because the Content-Security-Policy allows no inline script. The class on <body>
// is what GOV.UK's page template sets inline: its CSS hides conditional reveals only when it is set,
// so without JavaScript every follow-up question stays visible and can still be answered.
import { initAll } from "./govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
