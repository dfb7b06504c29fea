"""Email: invitations, password resets, deadline reminders, receipts and notices.

Messages are queued in the database's outbox inside the web request and sent by a worker outside
it (`cpsn-builder notify send|worker`), so a slow or failing mail server never slows or breaks a
page. Views call the one-line hooks in `events`; nothing else in the web app knows about SMTP.
"""
