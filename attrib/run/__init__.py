"""Running articles through the analysis: in this process (`pieces`), in worker
processes (`workers`) or on Ray (`ray_backend`), streamed to a caller (`stream`) or
stored as they come (`ingest`). What is stored and how is `attrib.store`'s job."""
