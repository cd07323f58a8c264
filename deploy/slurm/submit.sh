#!/bin/bash
# Submits a sharded Crosscheck run to Slurm: an array of SHARDS tasks
# (shards.sbatch) and a merge job that starts when all of them succeeded
# (merge.sbatch). Prints the two job ids.
#
#   RESULTS=/shared/crosscheck/$(date +%F) SHARDS=8 deploy/slurm/submit.sh --seed "$(date +%Y%m%d)" --duration 1h --target all --impl all
#
# Arguments are flags of "crosscheck run" (give --seed). Extra sbatch
# options (partition, account, time limit) go in SBATCH_* variables,
# which sbatch reads itself, e.g. SBATCH_PARTITION.
set -euo pipefail
: "${RESULTS:?set RESULTS to a directory every node can write}"
shards=${SHARDS:-4}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$RESULTS"
export RESULTS

array=$(sbatch --parsable --array="0-$((shards - 1))" --chdir="$RESULTS" "$here/shards.sbatch" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --chdir="$RESULTS" "$here/merge.sbatch")
echo "shards: job $array (array 0-$((shards - 1))); merge: job ${merge%%;*}; results in $RESULTS"
