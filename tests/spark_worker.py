"""Spark's Python worker with the test component of faults.py registered, so a Spark worker
can load the faulty pipeline: test_spark's session runs its workers as
`python -m tests.spark_worker` (spark.python.worker.module, without the forking daemon)."""

from pyspark.worker import main
from pyspark.worker_util import get_sock_file_to_executor

if __name__ == "__main__":
    with get_sock_file_to_executor() as sock_file:
        # connected first: Spark waits only seconds for that, and spaCy takes longer to import
        import tests.faults  # noqa: F401  (registers the component)

        main(sock_file, sock_file)
