package corpus

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/thidua/thidua/extract"
)

// waitClosed waits until s has closed its corpus; the bound only stops a
// broken Shared from hanging the test.
func waitClosed(t *testing.T, s *Shared) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for s.IsOpen() {
		if time.Now().After(deadline) {
			t.Fatal("the shared corpus is still open 10s after its last release")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestShared: concurrent holders share one read-only corpus; it closes
// once idle, and a writer gets the store then; the next Acquire sees the
// writer's records.
func TestShared(t *testing.T) {
	dir := fixtureDir(t)
	s := NewShared(dir, Options{}, 20*time.Millisecond)
	t.Cleanup(func() { s.Close() })

	const holders = 8
	got := make([]*Corpus, holders)
	releases := make([]func(), holders)
	var wg sync.WaitGroup
	for i := range holders {
		wg.Go(func() {
			c, release, err := s.Acquire()
			if err != nil {
				t.Error(err)
				return
			}
			got[i], releases[i] = c, release
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	for i, c := range got {
		if c != got[0] || !c.ReadOnly() {
			t.Fatalf("holder %d got corpus %p (read-only %v), holder 0 %p", i, c, c.ReadOnly(), got[0])
		}
	}
	if _, err := Open(dir, Options{LockTimeout: 50 * time.Millisecond}); !errors.Is(err, ErrBusy) {
		t.Fatalf("writer while the shared corpus is held: %v, want ErrBusy", err)
	}
	for _, release := range releases[1:] {
		release()
		release() // a second call does nothing
	}
	if !s.IsOpen() {
		t.Fatal("closed while holder 0 still holds it")
	}
	releases[0]()
	waitClosed(t, s)

	w, err := Open(dir, Options{LockTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatalf("writer once the shared corpus is idle: %v", err)
	}
	if _, err := w.Put(extract.Record{ID: "late", URL: "https://example.org/late"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	c, release, err := s.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := c.Get("late"); !ok || err != nil {
		t.Errorf("Get of the writer's record after reopening: %v, %v", ok, err)
	}
	release()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.IsOpen() {
		t.Error("open after Close")
	}
	if _, _, err := s.Acquire(); err == nil {
		t.Error("Acquire after Close succeeded")
	}
}

// TestSharedCloseWhileHeld: Close while a caller holds the corpus leaves
// it usable to that caller and closes it at the release.
func TestSharedCloseWhileHeld(t *testing.T) {
	s := NewShared(fixtureDir(t), Options{}, time.Hour)
	c, release, err := s.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Get("seed-000"); err != nil {
		t.Errorf("Get by a holder after Close: %v", err)
	}
	if !s.IsOpen() {
		t.Error("closed under a holder")
	}
	release()
	if s.IsOpen() {
		t.Error("still open after the last release following Close")
	}
}
