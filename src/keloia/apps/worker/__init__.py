"""Background work: handling stored messages and delivering the outbox, either in worker
threads of the one process (embedded default) or in dramatiq workers over Redis."""
