package deploy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func readKube(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("kubernetes", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestKubernetesShards checks what no API server checks: the Indexed
// Job's shard count is its completions, its pods run "--shard auto", and
// the template CronJob the nightly Job creates shards from holds the same
// Job spec as shards-job.yaml.
func TestKubernetesShards(t *testing.T) {
	job := readKube(t, "shards-job.yaml")
	one := func(re string) string {
		m := regexp.MustCompile(re).FindStringSubmatch(job)
		if m == nil {
			t.Fatalf("shards-job.yaml does not match %s", re)
		}
		return m[1]
	}
	if one(`(?m)^  completionMode: (\S+)$`) != "Indexed" {
		t.Error("shards-job.yaml is not an Indexed Job")
	}
	completions := one(`(?m)^  completions: (\d+)$`)
	if count := one(`- name: CROSSCHECK_SHARD_COUNT.*\n\s+value: "(\d+)"`); count != completions {
		t.Errorf("CROSSCHECK_SHARD_COUNT %s, completions %s: want them equal", count, completions)
	}
	if parallelism := one(`(?m)^  parallelism: (\d+)$`); parallelism != completions {
		t.Errorf("parallelism %s, completions %s: want every shard at once", parallelism, completions)
	}
	if !strings.Contains(job, "crosscheck run --shard auto ") || !strings.Contains(job, "/shard-$JOB_COMPLETION_INDEX") {
		t.Error("the shard pods do not run crosscheck run --shard auto into a directory per index")
	}

	spec := job[strings.Index(job, "\nspec:\n")+len("\nspec:\n"):]
	var indented strings.Builder
	for line := range strings.SplitAfterSeq(spec, "\n") {
		if strings.TrimSpace(line) != "" {
			indented.WriteString("    ")
		}
		indented.WriteString(line)
	}
	cron := readKube(t, "cronjob.yaml")
	if !strings.Contains(cron, "  name: crosscheck-shards\nspec:\n  suspend: true") || !strings.Contains(cron, "  jobTemplate:\n    spec:\n"+indented.String()) {
		t.Error("cronjob.yaml's suspended CronJob crosscheck-shards does not hold shards-job.yaml's spec")
	}
	for _, name := range []string{"cronjob.yaml", "merge-job.yaml"} {
		if !strings.Contains(readKube(t, name), `crosscheck report merge -o "$dir/merged" "$dir"/shard-*`) {
			t.Errorf("%s does not merge the shards' directories", name)
		}
	}
}
