package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shardVars are every variable --shard auto reads.
var shardVars = []string{
	"CROSSCHECK_SHARD_INDEX", "CROSSCHECK_SHARD_COUNT",
	"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
	"JOB_COMPLETION_INDEX",
}

func TestShardResolve(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spec  string
		count uint64
		env   map[string]string
		// want is "I/N", with " from SOURCE" for auto; wantErr is the
		// start of the error.
		want    string
		wantErr string
	}{
		{name: "no flag", want: "0/1"},
		{name: "explicit", spec: "2/5", want: "2/5"},
		{name: "explicit ignores the environment", spec: "1/2", env: map[string]string{"SLURM_ARRAY_TASK_ID": "9"}, want: "1/2"},
		{name: "explicit bad", spec: "5/5", wantErr: `--shard: "5/5" is not I/N`},
		{name: "shard-count without auto", spec: "1/2", count: 2, wantErr: "--shard-count is only for --shard auto"},

		// Kubernetes Indexed Jobs.
		{name: "kubernetes count from flag", spec: "auto", count: 4, env: map[string]string{"JOB_COMPLETION_INDEX": "3"}, want: "3/4 from a Kubernetes Indexed Job"},
		{name: "kubernetes count from variable", spec: "auto", env: map[string]string{"JOB_COMPLETION_INDEX": "0", "CROSSCHECK_SHARD_COUNT": "2"}, want: "0/2 from a Kubernetes Indexed Job"},
		{name: "kubernetes flag overrides variable", spec: "auto", count: 8, env: map[string]string{"JOB_COMPLETION_INDEX": "5", "CROSSCHECK_SHARD_COUNT": "2"}, want: "5/8 from a Kubernetes Indexed Job"},
		{name: "kubernetes no count", spec: "auto", env: map[string]string{"JOB_COMPLETION_INDEX": "1"}, wantErr: "--shard auto (a Kubernetes Indexed Job): JOB_COMPLETION_INDEX is set but the shard count is not: set CROSSCHECK_SHARD_COUNT or give --shard-count N"},
		{name: "kubernetes index at count", spec: "auto", count: 4, env: map[string]string{"JOB_COMPLETION_INDEX": "4"}, wantErr: "--shard auto (a Kubernetes Indexed Job): shard index JOB_COMPLETION_INDEX=4 is not below the shard count --shard-count=4"},
		{name: "kubernetes bad index", spec: "auto", count: 4, env: map[string]string{"JOB_COMPLETION_INDEX": "-1"}, wantErr: `--shard auto (a Kubernetes Indexed Job): JOB_COMPLETION_INDEX="-1" is not a whole number`},
		{name: "kubernetes zero count", spec: "auto", env: map[string]string{"JOB_COMPLETION_INDEX": "0", "CROSSCHECK_SHARD_COUNT": "0"}, wantErr: "--shard auto (a Kubernetes Indexed Job): CROSSCHECK_SHARD_COUNT=0: want at least 1 shard"},
		{name: "kubernetes bad count", spec: "auto", env: map[string]string{"JOB_COMPLETION_INDEX": "0", "CROSSCHECK_SHARD_COUNT": "four"}, wantErr: `--shard auto (a Kubernetes Indexed Job): CROSSCHECK_SHARD_COUNT="four" is not a whole number`},

		// Slurm job arrays.
		{name: "slurm", spec: "auto", env: map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3"}, want: "2/4 from a Slurm job array"},
		{name: "slurm flag agrees", spec: "auto", count: 4, env: map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"}, want: "2/4 from a Slurm job array"},
		{name: "slurm flag disagrees", spec: "auto", count: 8, env: map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"}, wantErr: "--shard auto (a Slurm job array): --shard-count 8 differs from SLURM_ARRAY_TASK_COUNT=4"},
		{name: "slurm no count", spec: "auto", env: map[string]string{"SLURM_ARRAY_TASK_ID": "2"}, wantErr: "--shard auto (a Slurm job array): SLURM_ARRAY_TASK_ID is set but the shard count is not: set SLURM_ARRAY_TASK_COUNT or give --shard-count N"},
		{name: "slurm empty id", spec: "auto", env: map[string]string{"SLURM_ARRAY_TASK_ID": "", "SLURM_ARRAY_TASK_COUNT": "4"}, wantErr: `--shard auto (a Slurm job array): SLURM_ARRAY_TASK_ID="" is not a whole number`},
		{name: "slurm index at count", spec: "auto", env: map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"}, wantErr: "--shard auto (a Slurm job array): shard index SLURM_ARRAY_TASK_ID=4 is not below the shard count SLURM_ARRAY_TASK_COUNT=4"},
		{name: "slurm array from 1", spec: "auto", env: map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4"}, wantErr: "--shard auto (a Slurm job array): SLURM_ARRAY_TASK_MIN=1: the array must be --array=0-3, one task per shard"},
		{name: "slurm array with a step", spec: "auto", env: map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "4"}, wantErr: "--shard auto (a Slurm job array): SLURM_ARRAY_TASK_MAX=4: the array must be --array=0-2, one task per shard"},

		// GitHub Actions matrices (our own variables).
		{name: "github matrix", spec: "auto", env: map[string]string{"CROSSCHECK_SHARD_INDEX": "1", "CROSSCHECK_SHARD_COUNT": "3"}, want: "1/3 from CROSSCHECK_SHARD_INDEX"},
		{name: "github flag overrides count", spec: "auto", count: 6, env: map[string]string{"CROSSCHECK_SHARD_INDEX": "5", "CROSSCHECK_SHARD_COUNT": "3"}, want: "5/6 from CROSSCHECK_SHARD_INDEX"},
		{name: "github empty index", spec: "auto", env: map[string]string{"CROSSCHECK_SHARD_INDEX": "", "CROSSCHECK_SHARD_COUNT": "3"}, wantErr: `--shard auto (CROSSCHECK_SHARD_INDEX): CROSSCHECK_SHARD_INDEX="" is not a whole number`},
		{name: "github no count", spec: "auto", env: map[string]string{"CROSSCHECK_SHARD_INDEX": "0"}, wantErr: "--shard auto (CROSSCHECK_SHARD_INDEX): CROSSCHECK_SHARD_INDEX is set but the shard count is not: set CROSSCHECK_SHARD_COUNT or give --shard-count N"},
		{name: "github index at count", spec: "auto", env: map[string]string{"CROSSCHECK_SHARD_INDEX": "3", "CROSSCHECK_SHARD_COUNT": "3"}, wantErr: "--shard auto (CROSSCHECK_SHARD_INDEX): shard index CROSSCHECK_SHARD_INDEX=3 is not below the shard count CROSSCHECK_SHARD_COUNT=3"},

		// Precedence: ours, then Slurm, then Kubernetes.
		{name: "ours before slurm and kubernetes", spec: "auto", env: map[string]string{"CROSSCHECK_SHARD_INDEX": "1", "CROSSCHECK_SHARD_COUNT": "2", "SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4", "JOB_COMPLETION_INDEX": "5"}, want: "1/2 from CROSSCHECK_SHARD_INDEX"},
		{name: "slurm before kubernetes", spec: "auto", env: map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4", "JOB_COMPLETION_INDEX": "5", "CROSSCHECK_SHARD_COUNT": "6"}, want: "3/4 from a Slurm job array"},
		{name: "a bad first source is not skipped", spec: "auto", env: map[string]string{"SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "4", "JOB_COMPLETION_INDEX": "1", "CROSSCHECK_SHARD_COUNT": "2"}, wantErr: `--shard auto (a Slurm job array): SLURM_ARRAY_TASK_ID="x" is not a whole number`},

		{name: "auto without a scheduler", spec: "auto", env: map[string]string{"CROSSCHECK_SHARD_COUNT": "4", "SLURM_ARRAY_TASK_COUNT": "4"}, wantErr: "--shard auto: none of CROSSCHECK_SHARD_INDEX, SLURM_ARRAY_TASK_ID (a Slurm job array) or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }
			f := shardFlags{spec: tc.spec, count: tc.count}
			i, n, note, err := f.resolve(lookup)
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one starting %q", err, tc.wantErr)
				}
				if code := exitCodeOf(err); code != exitUsage {
					t.Errorf("exit code %d, want %d", code, exitUsage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// "I/N", and " from SOURCE" as the note says for auto.
			got := fmt.Sprintf("%d/%d", i, n)
			got += strings.TrimPrefix(note, "shard "+got)
			if got != tc.want {
				t.Errorf("got %q (note %q), want %q", got, note, tc.want)
			}
		})
	}
}

// TestRunShardAuto runs the command with scheduler variables set: the
// shard is taken from them and said on stderr, and a bad value is a usage
// error before anything runs.
func TestRunShardAuto(t *testing.T) {
	for _, k := range shardVars {
		if v, ok := os.LookupEnv(k); ok {
			t.Cleanup(func() { os.Setenv(k, v) })
			os.Unsetenv(k)
		}
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "1")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "3")
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, "run", "--shard", "auto", "--count", "2", "--seed", "5", "--jobs", "1", "--out", out)
	if code != exitOK || !strings.Contains(stderr, "crosscheck: shard 1/3 from a Slurm job array") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	sum, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil || !strings.Contains(string(sum), `"shard": "1/3"`) {
		t.Errorf("summary.json does not record shard 1/3 (%v):\n%s", err, sum)
	}

	t.Setenv("SLURM_ARRAY_TASK_ID", "3")
	code, _, stderr = runCLI(t, "run", "--shard", "auto", "--count", "2", "--out", filepath.Join(t.TempDir(), "out"))
	if code != exitUsage || !strings.Contains(stderr, "SLURM_ARRAY_TASK_ID=3 is not below the shard count SLURM_ARRAY_TASK_COUNT=3") {
		t.Errorf("index at count: exit %d, want %d\n%s", code, exitUsage, stderr)
	}
}
