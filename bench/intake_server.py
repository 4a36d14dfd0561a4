"""The app bench_intake serves with gunicorn, the production server: a fresh embedded store
with one street, community, item and API token; writes the token's secret and the community's
code to the file named by $BENCH_INTAKE_FILE once it is ready."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_intake import world  # noqa: E402
from measure import make_app  # noqa: E402

app = make_app()
with app.app_context():
    _community, _item, _secret = world()
    ready = {"secret": _secret, "community": _community.code}
Path(os.environ["BENCH_INTAKE_FILE"]).write_text(json.dumps(ready))
