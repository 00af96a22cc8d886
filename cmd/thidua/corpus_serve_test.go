package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thidua/thidua/corpus"
)

// lockedBuffer is written by the server's goroutine while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var servingRE = regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)/`)

// startServe runs `thidua serve` on data in the background and returns its
// base URL; the server stops when the test ends.
func startServe(t *testing.T, data string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	var stderr lockedBuffer
	root := newRootCmd()
	root.SetArgs([]string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--hold", "20ms"})
	root.SetOut(io.Discard)
	root.SetErr(&stderr)
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v (stderr %q)", err, stderr.String())
		}
	})
	for {
		if m := servingRE.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended before serving: %v (stderr %q)", err, stderr.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// TestCommandsBesideServe: while `thidua serve` is up on a data directory,
// `thidua query` answers, `thidua import` writes, and the server then
// serves what was imported.
func TestCommandsBesideServe(t *testing.T) {
	data := t.TempDir()
	if _, stderr, err := runThidua(t, "import", corpusFixture, "--data", data); err != nil {
		t.Fatalf("import: %v (%s)", err, stderr)
	}
	extra := filepath.Join(t.TempDir(), "beside-serve.jsonl")
	line := `{"id": "beside-serve", "relevant": true, "title": "Khối thi đua Nội chính", "province": "Nghệ An", "year": 2025}` + "\n"
	if err := os.WriteFile(extra, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	base := startServe(t, data)
	get := func(path string) (int, []byte) {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, b
	}
	if code, body := get("/api/query?unit=bien+phong"); code != http.StatusOK {
		t.Fatalf("/api/query: %d %s", code, body)
	}
	steps := []struct {
		name  string
		args  []string
		check func(t *testing.T, stdout string)
	}{
		{"query", []string{"query", "bien phong", "--format", "json"}, func(t *testing.T, stdout string) {
			var m corpus.Matrix
			if err := json.Unmarshal([]byte(stdout), &m); err != nil || len(m.Rows) == 0 {
				t.Errorf("query output %q: %v", stdout, err)
			}
		}},
		{"search", []string{"search", "biên phòng"}, func(t *testing.T, stdout string) {
			if stdout == "" {
				t.Error("search printed nothing")
			}
		}},
		{"import", []string{"import", extra}, func(t *testing.T, stdout string) {
			if !strings.Contains(stdout, ": 1 added") {
				t.Errorf("import output %q", stdout)
			}
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			stdout, stderr, err := runThidua(t, append(st.args, "--data", data)...)
			if err != nil {
				t.Fatalf("%v (stderr %q)", err, stderr)
			}
			st.check(t, stdout)
			if code, body := get("/api/stats"); code != http.StatusOK {
				t.Errorf("/api/stats after %s: %d %s", st.name, code, body)
			}
		})
	}
	if code, body := get("/api/records/beside-serve"); code != http.StatusOK {
		t.Errorf("the record imported beside the server: %d %s", code, body)
	}
}
