"""The ceiling: a trivial Flask app served by the same gunicorn settings as the hub."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"
