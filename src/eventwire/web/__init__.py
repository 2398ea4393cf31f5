"""The dashboard's static files (HTML, JavaScript, CSS), served by `eventwire serve` at `/` and `/static/`."""
