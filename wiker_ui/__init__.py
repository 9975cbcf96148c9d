"""The Streamlit side: page layout, sidebar and cached loaders. Pages import
from here and from wiker_data; wiker_data never imports this package."""
