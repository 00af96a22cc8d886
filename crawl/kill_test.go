package crawl

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/crawl/testsite"
	"github.com/thidua/thidua/crawl/warc"
)

// TestHelperCrawlProcess is the child of TestKillAndResume: it crawls the
// fixture sites through the server at THIDUA_TEST_ADDR into
// THIDUA_TEST_DATA, printing a line per finished fetch.
func TestHelperCrawlProcess(t *testing.T) {
	addr, data := os.Getenv("THIDUA_TEST_ADDR"), os.Getenv("THIDUA_TEST_DATA")
	if addr == "" {
		t.Skip("helper process for TestKillAndResume")
	}
	e := newEnv(t)
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr)
	}}
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme = "http"
		return tr.RoundTrip(r)
	})
	c, err := New(e.src, data, WithTransport(rt), WithDelay(0), WithConcurrency(2),
		WithProgress(func(p Progress) { fmt.Printf("done %d %s\n", p.Done, p.URL) }))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestKillAndResume kills a crawl (SIGKILL) after K fetches, starts it
// again, and compares the result with an uninterrupted crawl: the same
// URLs archived, none archived twice beyond the requests in flight, the
// same state.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	srv, err := testsite.New(fixtureSites, testsite.Options{Latency: 15 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL(), "http://")
	child := func(data string, killAfter int) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrawlProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), "THIDUA_TEST_ADDR="+addr, "THIDUA_TEST_DATA="+data)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		n := 0
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "done ") {
				n++
				if killAfter > 0 && n == killAfter {
					cmd.Process.Kill() // SIGKILL
					break
				}
			}
		}
		err = cmd.Wait()
		if killAfter == 0 && err != nil {
			t.Fatalf("child crawl: %v", err)
		}
		if killAfter > 0 && n < killAfter {
			t.Fatalf("child finished after %d fetches, before the kill at %d", n, killAfter)
		}
	}
	whole, killed := t.TempDir(), t.TempDir()
	child(whole, 0)
	child(killed, 15)
	child(killed, 0)

	wantURLs, wantDup := archivedURLs(t, whole)
	gotURLs, gotDup := archivedURLs(t, killed)
	if strings.Join(wantURLs, "\n") != strings.Join(gotURLs, "\n") {
		t.Errorf("archived URLs differ:\nuninterrupted %d\nkilled+resumed %d\n%s", len(wantURLs), len(gotURLs), diff(wantURLs, gotURLs))
	}
	if len(wantDup) != 0 || len(gotDup) > 2 { // 2 = concurrency: the fetches in flight at the kill
		t.Errorf("URLs archived twice: uninterrupted %v, killed+resumed %v", wantDup, gotDup)
	}
	for _, u := range gotURLs {
		if !strings.HasPrefix(u, "https://") {
			t.Errorf("archived %s: every fixture URL is https", u)
		}
	}
	if a, b := stateDigest(t, whole), stateDigest(t, killed); a != b {
		t.Errorf("final states differ:\n--- uninterrupted\n%s\n--- killed+resumed\n%s", a, b)
	}
}

// archivedURLs lists the target URIs of response records, and those
// archived more than once.
func archivedURLs(t *testing.T, data string) (urls, twice []string) {
	files, err := warc.Files(filepath.Join(data, "warc"))
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range files {
		err := warc.ReadFile(f, func(rec *warc.Record, _ warc.Location) error {
			// robots.txt included: its fetch is recorded in the state store,
			// so the resumed process reads it from there.
			if rec.Type() == "response" {
				count[rec.TargetURI()]++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for u, n := range count {
		urls = append(urls, u)
		if n > 1 {
			twice = append(twice, u)
		}
	}
	sort.Strings(urls)
	return urls, twice
}

// stateDigest renders what must match between two crawls: per URL its
// kind, status, hash, error and whether it is queued.
func stateDigest(t *testing.T, data string) string {
	var b strings.Builder
	err := States(data, func(s URLState) error {
		fmt.Fprintf(&b, "%s %s %d %s %q %v %s\n", s.URL, s.Kind, s.Status, s.Hash, s.LastError, s.Queued != nil, s.DuplicateOf)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func diff(a, b []string) string {
	in := map[string]int{}
	for _, x := range a {
		in[x] |= 1
	}
	for _, x := range b {
		in[x] |= 2
	}
	var out []string
	for x, m := range in {
		switch m {
		case 1:
			out = append(out, "- "+x)
		case 2:
			out = append(out, "+ "+x)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}
