package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thidua/thidua/nightly"
)

// TestNightBar draws a night's phases into a buffer: a bar while the
// total is known, a spinner line with the crawl's counts, log lines above
// it, and nothing left on the line once finished.
func TestNightBar(t *testing.T) {
	var out bytes.Buffer
	b := newNightBar(&out, 0)
	steps := []struct {
		p    nightly.Progress
		want string // in what this step draws
	}{
		{nightly.Progress{Phase: nightly.PhaseReextract}, "re-extracting archive: 0 articles, 0 errors, 0 records"},
		{nightly.Progress{Phase: nightly.PhaseReextract, Total: 840, Articles: 120, Records: 7, Errors: 1}, "(120/840)"},
		{nightly.Progress{Phase: nightly.PhaseCrawl, Fetches: 35, Pending: 120, Errors: 2, Records: 11}, "crawl: 35 fetched, 120 pending, 2 errors, 11 records"},
	}
	for _, s := range steps {
		out.Reset()
		b.progress(s.p)
		b.draw()
		if !strings.Contains(out.String(), s.want) {
			t.Errorf("%+v drew %q, want it to hold %q", s.p, out.String(), s.want)
		}
	}
	out.Reset()
	const line = "time=2026-01-15T02:17:00Z level=WARN msg=\"fetch failed\"\n"
	if _, err := b.Write([]byte(line)); err != nil {
		t.Fatal(err)
	}
	// The bar is cleared (back to the line's start), the log line written
	// whole, and the bar drawn again under it.
	got := out.String()
	i := strings.Index(got, line)
	if i < 0 || !strings.HasSuffix(got[:i], "\r") || !strings.Contains(got[i+len(line):], "crawl: 35 fetched") {
		t.Errorf("log line written as %q", got)
	}
	out.Reset()
	b.finish()
	if got := out.String(); len(got) < 3 || got != "\r"+strings.Repeat(" ", len(got)-2)+"\r" {
		t.Errorf("finish wrote %q, want the line cleared", got)
	}
	out.Reset()
	b.progress(nightly.Progress{Phase: nightly.PhaseCrawl, Fetches: 36})
	b.draw()
	if out.Len() != 0 {
		t.Errorf("a finished bar drew %q", out.String())
	}
	var nb *nightBar
	nb.finish() // no bar (--quiet, not a terminal): nothing to do
}

// helperArgsEnv carries the command line of TestNightlyProcess.
const helperArgsEnv = "THIDUA_TEST_NIGHTLY_ARGS"

// TestNightlyProcess is thidua itself, run by TestNightlyNoBar in a child
// process (so that the proxy is read from its environment and stderr is a
// pipe); it does nothing in a normal test run.
func TestNightlyProcess(t *testing.T) {
	raw := os.Getenv(helperArgsEnv)
	if raw == "" {
		t.Skip("run by TestNightlyNoBar")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(100)
	}
	// Only the loopback proxy may be asked: never a name lookup.
	req, _ := http.NewRequest("GET", "http://bao.test/", nil)
	if u, err := http.ProxyFromEnvironment(req); err != nil || u == nil || !strings.HasPrefix(u.Host, "127.0.0.1:") {
		fmt.Fprintf(os.Stderr, "proxy %v %v: not the loopback server\n", u, err)
		os.Exit(101)
	}
	os.Args = append([]string{"thidua"}, args...)
	main()
	os.Exit(0)
}

// TestNightlyNoBar runs `thidua nightly` with stderr a pipe, not a
// terminal, against a site served on loopback (through HTTP_PROXY): with
// --quiet stderr stays empty, without it stderr holds the crawl's log
// lines as before; never a progress bar.
func TestNightlyNoBar(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host != "bao.test" {
			http.Error(w, "not a proxied request", http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch p := r.URL.Path; {
		case p == "/":
			fmt.Fprint(w, `<html><body><a href="/bai-1.html">1</a> <a href="/bai-2.html">2</a> <a href="/bai-3.html">3</a></body></html>`)
		case strings.HasPrefix(p, "/bai-"):
			fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>Khối thi đua Nội chính ký kết giao ước thi đua %[1]s</title></head><body>
<h1>Khối thi đua Nội chính tỉnh Nghệ An ký kết giao ước thi đua, bài %[1]s</h1><p>15/01/2026</p>
<div><p>Sáng 15/1, Khối thi đua Nội chính tỉnh Nghệ An tổ chức ký kết giao ước thi đua năm 2026 (bài %[1]s).
Khối gồm các đơn vị: Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh.</p></div></body></html>`, p)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	dir := t.TempDir()
	sources := filepath.Join(dir, "sources.toml")
	err := os.WriteFile(sources, []byte(`delay = "10ms"
[[site]]
name = "bao"
province = "Nghệ An"
hosts = ["bao.test"]
start = ["http://bao.test/"]
article = ['^http://bao\.test/bai-\d+\.html$']
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	for _, quiet := range []bool{true, false} {
		t.Run(fmt.Sprintf("quiet=%v", quiet), func(t *testing.T) {
			args := []string{"nightly", "--data", filepath.Join(dir, fmt.Sprint(quiet)), "--sources", sources}
			if quiet {
				args = append(args, "--quiet")
			}
			raw, _ := json.Marshal(args)
			cmd := exec.Command(os.Args[0], "-test.run=^TestNightlyProcess$")
			cmd.Env = append(os.Environ(), helperArgsEnv+"="+string(raw), "HTTP_PROXY="+site.URL, "http_proxy="+site.URL,
				"NO_PROXY=", "no_proxy=", "THIDUA_DATA=")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				var ee *exec.ExitError
				if !errors.As(err, &ee) {
					t.Fatal(err)
				}
				t.Fatalf("thidua %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, &stdout, &stderr)
			}
			if !strings.Contains(stdout.String(), "new records      3\n") {
				t.Errorf("report:\n%s\nwant 3 new records", &stdout)
			}
			errOut := stderr.String()
			if i := strings.IndexFunc(errOut, isBarRune); i >= 0 {
				t.Errorf("stderr holds %q at %d, a progress bar's:\n%s", errOut[i:min(i+8, len(errOut))], i, errOut)
			}
			switch {
			case quiet && errOut != "":
				t.Errorf("--quiet wrote to stderr:\n%s", errOut)
			case !quiet && !strings.Contains(errOut, `msg="crawl start"`):
				t.Errorf("stderr without the crawl's log lines:\n%s", errOut)
			}
		})
	}
}

// isBarRune reports whether r is drawn by a progress bar or spinner and
// by no log line: a carriage return, an escape, a block or a braille dot.
func isBarRune(r rune) bool {
	return r == '\r' || r == '\x1b' || (r >= 0x2580 && r <= 0x259f) || (r >= 0x2800 && r <= 0x28ff)
}
