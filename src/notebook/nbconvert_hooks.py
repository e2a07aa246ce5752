# nbconvert config loaded by the workbench notebook runner (`jupyter nbconvert --config THIS`).
# tslab reports a failing cell with an empty error message, and nbconvert writes nothing when a
# cell fails, so these hooks append one JSON line per cell event to $WORKBENCH_NB_EVENTS: the
# runner reads it for live progress and to name the failing cell with its source and stderr.
import json
import os
import time

_events_path = os.environ.get("WORKBENCH_NB_EVENTS")


def _emit(event, cell_index, cell=None):
    if not _events_path:
        return
    record = {"event": event, "index": cell_index, "time": time.time()}
    if cell is not None:
        record["outputs"] = [dict(o) for o in cell.get("outputs", [])]
    with open(_events_path, "a", encoding="utf-8") as f:
        f.write(json.dumps(record, default=str) + "\n")


def _on_start(cell, cell_index, **_):
    _emit("start", cell_index)


def _on_executed(cell, cell_index, **_):
    _emit("executed", cell_index)


def _on_error(cell, cell_index, **_):
    _emit("error", cell_index, cell)


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
c.ExecutePreprocessor.on_cell_start = _on_start
c.ExecutePreprocessor.on_cell_executed = _on_executed
c.ExecutePreprocessor.on_cell_error = _on_error
