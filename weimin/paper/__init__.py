"""Paper for the counter: receipts, work orders, certificates — print-ready HTML and PDF."""
