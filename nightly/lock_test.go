package nightly

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/testsite"
)

// TestTwoRunsAtOnce starts a second night while the first is crawling: the
// second refuses with ErrLocked and touches nothing; the first finishes as
// if alone.
func TestTwoRunsAtOnce(t *testing.T) {
	e := newEnv(t, testsite.Options{Latency: 10 * time.Millisecond})
	started := make(chan struct{})
	var once sync.Once
	type result struct {
		rep Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := Run(context.Background(), e.options(crawl.WithProgress(func(crawl.Progress) { once.Do(func() { close(started) }) })))
		done <- result{rep, err}
	}()
	select {
	case <-started:
	case r := <-done:
		t.Fatalf("first run ended before its first fetch: %v", r.err)
	}
	_, err := Run(context.Background(), e.options())
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) {
		t.Errorf("second run: %v, want ErrLocked", err)
	}
	first := <-done
	if first.err != nil {
		t.Fatalf("first run: %v", first.err)
	}
	reps, err := Reports(e.data, 0)
	if err != nil || len(reps) != 1 {
		t.Fatalf("reports: %d %v, want only the first run's", len(reps), err)
	}
	if reps[0].NewRecords != first.rep.NewRecords || first.rep.NewRecords == 0 {
		t.Errorf("report %+v, run %+v", reps[0], first.rep)
	}
}

func TestReportsOrder(t *testing.T) {
	dir := t.TempDir()
	base := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	for i := range 5 {
		if _, err := writeReport(dir, Report{Started: base.AddDate(0, 0, i), NewRecords: i}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		n    int
		want []int
	}{
		{"last two", 2, []int{4, 3}},
		{"all", 0, []int{4, 3, 2, 1, 0}},
		{"more than there are", 9, []int{4, 3, 2, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reps, err := Reports(dir, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, r := range reps {
				got = append(got, r.NewRecords)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
	t.Run("no runs", func(t *testing.T) {
		reps, err := Reports(t.TempDir(), 3)
		if err != nil || len(reps) != 0 {
			t.Errorf("empty data directory: %v %v", reps, err)
		}
	})
}

// TestInterrupted: a night whose context is cancelled (SIGTERM from the
// scheduler) writes its report as interrupted and releases the lock; the
// next night resumes the crawl and ends as an uninterrupted one.
func TestInterrupted(t *testing.T) {
	e := newEnv(t, testsite.Options{Latency: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int32 // progress comes from several goroutines
	rep, err := Run(ctx, e.options(crawl.WithProgress(func(crawl.Progress) {
		if n.Add(1) == 5 {
			cancel()
		}
	})))
	if !errors.Is(err, context.Canceled) || rep.Status != StatusInterrupted || rep.File == "" {
		t.Fatalf("cancelled night: %v, status %q, report %q", err, rep.Status, rep.File)
	}
	next := e.run(t)
	if !next.Resumed || next.TookOverPID != 0 {
		t.Errorf("next night: resumed %v, took over %d; want resumed, no takeover", next.Resumed, next.TookOverPID)
	}
	whole := newEnv(t, testsite.Options{})
	whole.run(t)
	if diff := diffRecords(records(t, whole.data), records(t, e.data)); diff != "" {
		t.Errorf("records after an interrupted and a resumed night differ from one night's:\n%s", diff)
	}
	reps, err := Reports(e.data, 0)
	if err != nil || len(reps) != 2 || reps[1].Status != StatusInterrupted {
		t.Errorf("reports %+v %v, want the resumed night's and the interrupted one's", reps, err)
	}
}

func TestRunning(t *testing.T) {
	dir := t.TempDir()
	check := func(name string, wantPID int, want bool) {
		t.Helper()
		pid, ok, err := Running(dir)
		if err != nil || pid != wantPID || ok != want {
			t.Errorf("%s: Running = %d, %v, %v; want %d, %v", name, pid, ok, err, wantPID, want)
		}
	}
	check("no lock file", 0, false)
	lk, err := acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	check("held", os.Getpid(), true)
	if err := lk.release(); err != nil {
		t.Fatal(err)
	}
	check("released", 0, false)
	if err := os.WriteFile(filepath.Join(dir, LockFile), []byte("999999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("left by a dead run", 999999, false)
}
