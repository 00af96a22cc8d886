package warc

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// specDir holds the standard's example records (see testdata/warc/README.md).
var specDir = filepath.Join("..", "..", "testdata", "warc", "spec")

func readSpec(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(specDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// gzipMember compresses b as one gzip member.
func gzipMember(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll reads every record of b, stopping at the first error.
func readAll(t testing.TB, b []byte) ([]*Record, []int64, error) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, nil, err
	}
	var recs []*Record
	var offs []int64
	for {
		rec, err := r.Next()
		if err != nil {
			return recs, offs, err
		}
		recs = append(recs, rec)
		offs = append(offs, r.Offset())
	}
}

// fixedClock returns a Now function that starts at t and advances by one
// second per call. It is safe for concurrent use.
func fixedClock(t time.Time) func() time.Time {
	var mu sync.Mutex
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Second)
		return t
	}
}

// testWriter returns a writer in a fresh directory.
func testWriter(t testing.TB, opts WriterOptions) (*Writer, string) {
	t.Helper()
	dir := t.TempDir()
	if opts.Now == nil {
		opts.Now = fixedClock(time.Date(2025, 3, 1, 20, 0, 0, 0, time.UTC))
	}
	w, err := NewWriter(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, dir
}
