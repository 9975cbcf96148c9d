"""Data package of the Wiker town-centre vitality dashboard.

It holds the store (models, engine, migrations), the queries behind the pages,
the demo generator and the map builder. It never imports streamlit.
"""
