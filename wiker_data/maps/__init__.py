"""The folium maps: the shops of a commune (`shops`), the communes of the network (`communes`),
and the elements they share (`elements`: safe script JSON, render-once scripts, legend)."""
