package deploy

import (
	"context"
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/reports"
)

// slurmTestVar enables TestSlurmArrayMerge, which starts daemons as root.
const slurmTestVar = "CROSSCHECK_SLURM_TEST"

// Shape of the sharded run the Slurm test submits: shards times
// perShard tests, the same as one run of shards*perShard.
const (
	slurmShards   = 4
	slurmPerShard = 6
	slurmSeed     = 5
	slurmTimeout  = 5 * time.Minute
)

// TestSlurmArrayMerge runs deploy/slurm/submit.sh on a one-node Slurm
// cluster of its own: a 4-task array of "crosscheck run --shard auto"
// and the merge job that depends on it. The merged report must equal a
// single run over the same test indexes, field by field as
// reports.TestMergeEqualsUnsharded compares them.
func TestSlurmArrayMerge(t *testing.T) {
	if os.Getenv(slurmTestVar) != "1" {
		t.Skipf("starts a Slurm cluster: set %s=1 or run make slurm-test", slurmTestVar)
	}
	for _, bin := range []string{"munged", "slurmctld", "slurmd", "sbatch", "scontrol"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("%s not found: install Slurm (apt-get install -y slurm-wlm munge)", bin)
		}
	}
	if os.Getuid() != 0 {
		t.Skip("slurmd must run as root")
	}
	dir := t.TempDir()
	crosscheck := filepath.Join(dir, "crosscheck")
	if out, err := exec.Command("go", "build", "-o", crosscheck, "../cmd/crosscheck").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	c := startSlurm(t, filepath.Join(dir, "slurm"))

	results := filepath.Join(dir, "results")
	submit := exec.Command("./slurm/submit.sh", "--count", fmt.Sprint(slurmPerShard), "--seed", fmt.Sprint(slurmSeed), "--target", "all", "--impl", "model,engine")
	submit.Env = append(c.env(), "RESULTS="+results, "SHARDS="+fmt.Sprint(slurmShards), "CROSSCHECK="+crosscheck)
	out, err := submit.CombinedOutput()
	t.Logf("submit.sh: %s", out)
	if err != nil {
		t.Fatalf("submit.sh: %v", err)
	}
	m := regexp.MustCompile(`shards: job (\d+) .*merge: job (\d+)`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("submit.sh did not print the job ids")
	}
	array, merge := m[1], m[2]
	state := c.wait(t, merge)
	for i := range slurmShards {
		if log, err := os.ReadFile(filepath.Join(results, fmt.Sprintf("crosscheck-shards-%s_%d.log", array, i))); err == nil {
			t.Logf("shard %d log:\n%s", i, log)
		}
	}
	mergeLog, _ := os.ReadFile(filepath.Join(results, "crosscheck-merge-"+merge+".log"))
	t.Logf("merge job %s: %s; log:\n%s", merge, state, mergeLog)
	if state != "COMPLETED" {
		t.Fatalf("merge job %s ended %s", merge, state)
	}

	whole := filepath.Join(dir, "whole")
	single := exec.Command(crosscheck, "run", "--count", fmt.Sprint(slurmShards*slurmPerShard), "--seed", fmt.Sprint(slurmSeed), "--target", "all", "--impl", "model,engine", "--jobs", "2", "--out", whole)
	if out, err := single.CombinedOutput(); err != nil {
		t.Fatalf("single run: %v\n%s", err, out)
	}
	compareMerged(t, filepath.Join(whole, reports.JSONFile), filepath.Join(results, "merged", reports.JSONFile))
}

// compareMerged checks a merged report against the whole run's on what
// sharding must not change.
func compareMerged(t *testing.T, wholePath, mergedPath string) {
	t.Helper()
	whole, err := reports.Read(wholePath)
	if err != nil {
		t.Fatal(err)
	}
	m, err := reports.Read(mergedPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Shards) != slurmShards || len(m.Notes) != 0 {
		t.Errorf("merged report has %d shards (want %d), notes %q", len(m.Shards), slurmShards, m.Notes)
	}
	if whole.Coverage == nil || m.Coverage == nil {
		t.Fatalf("a report has no coverage: whole %v, merged %v", whole.Coverage != nil, m.Coverage != nil)
	}
	for _, d := range reports.ShardingDiffs(whole, m) {
		t.Error(d)
	}
	t.Logf("merged report of %d shards equals the single run: %d tests, %d requests, %d failed",
		len(m.Shards), m.Totals.Tests, m.Totals.Requests, m.Totals.Failed)
}

// slurmCluster is a one-node Slurm cluster with its own munged, all
// state under one directory.
type slurmCluster struct {
	conf string
}

func (c *slurmCluster) env() []string {
	return append(os.Environ(), "SLURM_CONF="+c.conf)
}

// startSlurm writes a munge key and slurm.conf under dir and starts
// munged, slurmctld and slurmd in the foreground; a cleanup stops them.
func startSlurm(t *testing.T, dir string) *slurmCluster {
	t.Helper()
	for _, d := range []string{"state", "spool", "log"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	key := make([]byte, 1024)
	rand.Read(key)
	keyFile := filepath.Join(dir, "munge.key")
	if err := os.WriteFile(keyFile, key, 0o400); err != nil {
		t.Fatal(err)
	}
	socket := filepath.Join(dir, "munge.socket")
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	host, _, _ = strings.Cut(host, ".")
	conf := filepath.Join(dir, "slurm.conf")
	p := func(name string) string { return filepath.Join(dir, name) }
	text := fmt.Sprintf(`# One-node cluster of deploy's Slurm test.
ClusterName=crosscheck
SlurmctldHost=%[1]s(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=%[2]d
SlurmdPort=%[3]d
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=%[4]s
StateSaveLocation=%[5]s
SlurmdSpoolDir=%[6]s
SlurmctldPidFile=%[7]s
SlurmdPidFile=%[8]s
SlurmctldLogFile=%[9]s
SlurmdLogFile=%[10]s
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
MinJobAge=600
NodeName=%[1]s NodeAddr=127.0.0.1 CPUs=%[11]d State=UNKNOWN
PartitionName=debug Nodes=%[1]s Default=YES MaxTime=INFINITE State=UP
`, host, freePort(t), freePort(t), socket, p("state"), p("spool"), p("slurmctld.pid"), p("slurmd.pid"),
		p("log/slurmctld.log"), p("log/slurmd.log"), runtime.NumCPU())
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := &slurmCluster{conf: conf}

	start(t, c, "munged", "--foreground", "--force", "--key-file="+keyFile, "--socket="+socket,
		"--pid-file="+p("munged.pid"), "--log-file="+p("log/munged.log"), "--seed-file="+p("munged.seed"))
	waitFor(t, "munged's socket", func() bool { _, err := os.Stat(socket); return err == nil })
	start(t, c, "slurmctld", "-D", "-i", "-f", conf)
	start(t, c, "slurmd", "-D", "-f", conf, "-N", host)
	waitFor(t, "the node to be idle", func() bool {
		out, _ := c.command("scontrol", "show", "node", host).Output()
		return strings.Contains(string(out), "State=IDLE")
	})
	return c
}

func (c *slurmCluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = c.env()
	return cmd
}

// start runs a daemon in the foreground, its output in the test log when
// the test fails, and stops it (SIGTERM, then SIGKILL) at cleanup.
func start(t *testing.T, c *slurmCluster, name string, args ...string) {
	t.Helper()
	cmd := c.command(name, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("%s output:\n%s", name, out.String())
			for _, log := range []string{"slurmctld.log", "slurmd.log", "munged.log"} {
				if b, err := os.ReadFile(filepath.Join(filepath.Dir(c.conf), "log", log)); err == nil && strings.HasPrefix(log, name) {
					t.Logf("%s:\n%s", log, b)
				}
			}
		}
	})
}

// wait polls job id until it ends and returns its final JobState.
func (c *slurmCluster) wait(t *testing.T, id string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), slurmTimeout)
	defer cancel()
	state := regexp.MustCompile(`JobState=(\S+)`)
	for {
		out, err := c.command("scontrol", "show", "job", "-o", id).Output()
		if m := state.FindStringSubmatch(string(out)); err == nil && m != nil {
			switch m[1] {
			case "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "REQUEUED", "RESIZING", "SUSPENDED":
			default:
				return m[1]
			}
		}
		select {
		case <-ctx.Done():
			q, _ := c.command("squeue", "-a").CombinedOutput()
			t.Fatalf("job %s did not end within %v; queue:\n%s", id, slurmTimeout, q)
		case <-time.After(time.Second):
		}
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// freePort returns a TCP port nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
