package corpus

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thidua/thidua/extract"
)

// fixtureDir imports the fixture into a data directory and closes it.
func fixtureDir(t *testing.T) string {
	t.Helper()
	c := openFixture(t)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return c.Dir()
}

func openRO(t *testing.T, dir string, o Options) *Corpus {
	t.Helper()
	o.ReadOnly = true
	c, err := Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestReadOnlyOpens: read-only opens share the store, answer, and refuse
// every write with ErrReadOnly.
func TestReadOnlyOpens(t *testing.T) {
	dir := fixtureDir(t)
	a := openRO(t, dir, Options{})
	b := openRO(t, dir, Options{LockTimeout: time.Millisecond}) // a holds only a shared lock
	for _, c := range []*Corpus{a, b} {
		if !c.ReadOnly() {
			t.Error("ReadOnly() = false")
		}
		if _, err := c.Query("bien phong", Filter{}, ""); err != nil {
			t.Errorf("Query: %v", err)
		}
		if res, err := c.Search("biên phòng", Filter{}, Page{}); err != nil || res.Total == 0 {
			t.Errorf("Search: %v, %+v", err, res)
		}
	}
	writes := []struct {
		name string
		do   func() error
	}{
		{"put", func() error { _, err := a.Put(extract.Record{ID: "x"}); return err }},
		{"import", func() error { _, err := a.Import(strings.NewReader(`{"id":"x"}`), "x.jsonl", nil); return err }},
		{"reindex", func() error { return a.Reindex(context.Background(), nil) }},
	}
	for _, tt := range writes {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.do(); !errors.Is(err, ErrReadOnly) {
				t.Errorf("%s on a read-only corpus: %v, want ErrReadOnly", tt.name, err)
			}
		})
	}
}

// TestReadOnlyIndex: a read-only open never rebuilds; without an index it
// answers questions from the store and says so for searches.
func TestReadOnlyIndex(t *testing.T) {
	tests := []struct {
		name       string
		damage     func(t *testing.T, dir string)
		wantSearch error
		notice     string
	}{
		{"current", func(*testing.T, string) {}, nil, ""},
		{"missing", func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, indexDirName)); err != nil {
				t.Fatal(err)
			}
		}, ErrNoIndex, "no usable index"},
		{"behind", func(t *testing.T, dir string) {
			c, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			// The store moves on without the index (Import's bulk path).
			if _, err := c.put([]extract.Record{{ID: "new", URL: "https://example.org/new"}}, false); err != nil {
				t.Fatal(err)
			}
		}, nil, "reflects generation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixtureDir(t)
			tt.damage(t, dir)
			var log bytes.Buffer
			c := openRO(t, dir, Options{Log: &log})
			m, err := c.Query("bien phong", Filter{}, "")
			if err != nil || len(m.Rows) == 0 {
				t.Errorf("Query: %v, %+v", err, m)
			}
			if log.Len() > 0 {
				t.Errorf("log = %q before any search: the index is opened by the first search", log.String())
			}
			for i := range 2 { // the second search does not try again
				if _, err := c.Search("biên phòng", Filter{}, Page{}); !errors.Is(err, tt.wantSearch) {
					t.Errorf("Search %d: %v, want %v", i, err, tt.wantSearch)
				}
			}
			if tt.notice == "" && log.Len() > 0 || !strings.Contains(log.String(), tt.notice) || strings.Count(log.String(), "\n") > 1 {
				t.Errorf("log = %q, want one notice with %q", log.String(), tt.notice)
			}
			if _, err := os.Stat(filepath.Join(dir, indexTmpName)); err == nil {
				t.Error("a read-only open started a rebuild")
			}
		})
	}
}

// TestReadOnlyNoStore: a read-only open creates nothing.
func TestReadOnlyNoStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := Open(dir, Options{ReadOnly: true}); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open of a missing directory read-only: %v, want not exist", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("a read-only open created the directory")
	}
}

// TestWriterWaits: a writer waits for a read-only open with a notice,
// gets the store once it closes, and fails with ErrBusy past its timeout.
func TestWriterWaits(t *testing.T) {
	dir := fixtureDir(t)
	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{LockTimeout: 50 * time.Millisecond}); !errors.Is(err, ErrBusy) {
		t.Fatalf("writer beside a reader with a 50ms timeout: %v, want ErrBusy", err)
	}
	var log syncBuffer
	done := make(chan error, 1)
	go func() {
		w, err := Open(dir, Options{Log: &log})
		if err == nil {
			_, err = w.Put(extract.Record{ID: "after", URL: "https://example.org/after"})
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
		done <- err
	}()
	for !strings.Contains(log.String(), "in use by another process") {
		select {
		case err := <-done:
			t.Fatalf("writer finished before the reader closed: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("writer after the reader closed: %v", err)
	}
	c := openRO(t, dir, Options{})
	if _, ok, err := c.Get("after"); !ok || err != nil {
		t.Errorf("Get of the writer's record: %v, %v", ok, err)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
