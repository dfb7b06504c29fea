"""The service-lot catalogue: programme, partners and lots, read from data files."""

from .catalogue import Catalogue
from .loader import data_dir, default_catalogue_path, documents_of, load_catalogue

__all__ = ["Catalogue", "data_dir", "default_catalogue_path", "documents_of", "load_catalogue"]
