package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/pflag"
)

// shardFlags are run's --shard and --shard-count.
type shardFlags struct {
	spec  string // "", "I/N" or "auto"
	count uint64 // --shard-count; 0 when not given
}

func (f *shardFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.spec, "shard", "", "run only shard I of N (I/N, 0 <= I < N): the indexes equal to I modulo N; auto: I and N from the scheduler's environment (see --help)")
	fl.Uint64Var(&f.count, "shard-count", 0, "with --shard auto: the number of shards N, where the scheduler does not give it (a Kubernetes Indexed Job's completions); overrides CROSSCHECK_SHARD_COUNT")
}

// shardHelp is the part of run's --help about --shard auto.
const shardHelp = `--shard auto reads I and N from the environment of the scheduler that
started the process, trying these in order and using the first whose
index variable is set (the order is the precedence when several are):

  1. CROSSCHECK_SHARD_INDEX, CROSSCHECK_SHARD_COUNT: set them yourself, for
     example from a GitHub Actions matrix; --shard-count overrides the count;
  2. SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT: a Slurm job array, which
     must be --array=0-(N-1) (a %limit is fine); --shard-count, if given,
     must equal the array's size;
  3. JOB_COMPLETION_INDEX: a Kubernetes Indexed Job, with N from
     --shard-count or CROSSCHECK_SHARD_COUNT (the Job's completions).

A variable that is set but empty or not a whole number, a missing count,
or an index not below the count is a usage error naming the variable.`

// shardSource is how one scheduler tells a process its shard: the
// variables holding the index and the count.
type shardSource struct {
	what         string
	index, count string
	// schedulerCount is set when the scheduler itself sets count, so
	// that --shard-count may only repeat it; otherwise --shard-count
	// overrides count.
	schedulerCount bool
	// slurm adds the checks that the array is 0..N-1.
	slurm bool
}

// shardSources are the sources --shard auto reads, in precedence order:
// our own variables first, because whoever set them meant them; then
// Slurm before Kubernetes, because a Slurm array task may run in a pod
// (Slurm on Kubernetes) whose completion index is not the task's.
var shardSources = []shardSource{
	{what: "CROSSCHECK_SHARD_INDEX", index: "CROSSCHECK_SHARD_INDEX", count: "CROSSCHECK_SHARD_COUNT"},
	{what: "a Slurm job array", index: "SLURM_ARRAY_TASK_ID", count: "SLURM_ARRAY_TASK_COUNT", schedulerCount: true, slurm: true},
	{what: "a Kubernetes Indexed Job", index: "JOB_COMPLETION_INDEX", count: "CROSSCHECK_SHARD_COUNT"},
}

// resolve returns the shard this run covers (0/1 without --shard), and
// for --shard auto a note saying where it came from. lookup is
// os.LookupEnv outside tests. Every error is a usage error.
func (f *shardFlags) resolve(lookup func(string) (string, bool)) (i, n uint64, note string, err error) {
	if f.spec != "auto" {
		if f.count != 0 {
			return 0, 0, "", usageError("--shard-count is only for --shard auto")
		}
		i, n, err := parseShard(f.spec)
		if err != nil {
			return 0, 0, "", usageError("--shard: %v", err)
		}
		return i, n, "", nil
	}
	for _, src := range shardSources {
		if _, ok := lookup(src.index); ok {
			i, n, err := src.read(f.count, lookup)
			if err != nil {
				return 0, 0, "", usageError("--shard auto (%s): %v", src.what, err)
			}
			return i, n, fmt.Sprintf("shard %d/%d from %s", i, n, src.what), nil
		}
	}
	return 0, 0, "", usageError("--shard auto: none of CROSSCHECK_SHARD_INDEX, SLURM_ARRAY_TASK_ID (a Slurm job array) or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give --shard I/N instead")
}

// read reads the shard from src's variables, the index being set.
func (src shardSource) read(flagCount uint64, lookup func(string) (string, bool)) (i, n uint64, err error) {
	if i, err = envUint(lookup, src.index); err != nil {
		return 0, 0, err
	}
	n, countFrom := flagCount, "--shard-count"
	if _, set := lookup(src.count); set && (src.schedulerCount || flagCount == 0) {
		c, err := envUint(lookup, src.count)
		if err != nil {
			return 0, 0, err
		}
		if flagCount != 0 && c != flagCount {
			return 0, 0, fmt.Errorf("--shard-count %d differs from %s=%d", flagCount, src.count, c)
		}
		n, countFrom = c, src.count
	} else if flagCount == 0 {
		return 0, 0, fmt.Errorf("%s is set but the shard count is not: set %s or give --shard-count N", src.index, src.count)
	}
	if n == 0 {
		return 0, 0, fmt.Errorf("%s=0: want at least 1 shard", countFrom)
	}
	if i >= n {
		return 0, 0, fmt.Errorf("shard index %s=%d is not below the shard count %s=%d", src.index, i, countFrom, n)
	}
	if src.slurm {
		// Only an array 0..N-1 gives each shard one task: --array=1-4
		// would leave shard 0 out and refuse task 4.
		for _, v := range []struct {
			name string
			want uint64
		}{{"SLURM_ARRAY_TASK_MIN", 0}, {"SLURM_ARRAY_TASK_MAX", n - 1}} {
			if _, set := lookup(v.name); !set {
				continue
			}
			got, err := envUint(lookup, v.name)
			if err != nil {
				return 0, 0, err
			}
			if got != v.want {
				return 0, 0, fmt.Errorf("%s=%d: the array must be --array=0-%d, one task per shard", v.name, got, n-1)
			}
		}
	}
	return i, n, nil
}

// envUint reads a whole number from the (set) variable name.
func envUint(lookup func(string) (string, bool), name string) (uint64, error) {
	s, _ := lookup(name)
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a whole number", name, s)
	}
	return v, nil
}
