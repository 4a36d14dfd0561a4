from weimin import create_app

app = create_app()
