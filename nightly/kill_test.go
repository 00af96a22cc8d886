package nightly

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/testsite"
)

// TestHelperNightlyProcess is the child of TestKillAndRestart: one night
// over the fixture sites served at THIDUA_NIGHTLY_ADDR into
// THIDUA_NIGHTLY_DATA, printing a line per fetch and the report at the end.
func TestHelperNightlyProcess(t *testing.T) {
	addr, data := os.Getenv("THIDUA_NIGHTLY_ADDR"), os.Getenv("THIDUA_NIGHTLY_DATA")
	if addr == "" {
		t.Skip("helper process for TestKillAndRestart")
	}
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr)
	}}
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme = "http"
		return tr.RoundTrip(r)
	})
	rep, err := Run(context.Background(), Options{Data: data, Sources: loadSources(t),
		Crawl: []crawl.Option{crawl.WithTransport(rt), crawl.WithDelay(0), crawl.WithConcurrency(2),
			crawl.WithProgress(func(p crawl.Progress) { fmt.Printf("done %d %s\n", p.Done, p.URL) })}})
	var le *LockedError
	if errors.As(err, &le) {
		fmt.Printf("locked %d\n", le.PID)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(rep)
	fmt.Printf("report %s\n", b)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestKillAndRestart kills a night (SIGKILL) at several points and starts
// it again: the records and the index end as those of an uninterrupted
// night, and every page the uninterrupted night archived is archived.
func TestKillAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	srv, err := testsite.New(fixtureSites, testsite.Options{Latency: 15 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL(), "http://")
	// child runs a night, killed after killAfter fetches (0: never); it
	// returns the child's pid and, for a whole night, its report.
	child := func(t *testing.T, data string, killAfter int) (int, Report) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperNightlyProcess$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "THIDUA_NIGHTLY_ADDR="+addr, "THIDUA_NIGHTLY_DATA="+data)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var rep Report
		var lines []string
		sc := bufio.NewScanner(out)
		n := 0
		for sc.Scan() {
			line := sc.Text()
			lines = append(lines, line)
			if strings.HasPrefix(line, "done ") {
				n++
				if killAfter > 0 && n == killAfter {
					cmd.Process.Kill() // SIGKILL
					break
				}
			}
			if r, ok := strings.CutPrefix(line, "report "); ok {
				if err := json.Unmarshal([]byte(r), &rep); err != nil {
					t.Fatal(err)
				}
			}
		}
		err = cmd.Wait()
		if killAfter == 0 && err != nil {
			t.Fatalf("child night: %v\n%s", err, strings.Join(lines, "\n"))
		}
		if killAfter > 0 && n < killAfter {
			t.Fatalf("child finished after %d fetches, before the kill at %d", n, killAfter)
		}
		return cmd.Process.Pid, rep
	}
	whole := t.TempDir()
	child(t, whole, 0)
	wantRecs, wantIndex, wantArchived := records(t, whole), indexDigest(t, whole), archivedURLs(t, whole)
	if len(wantRecs) == 0 {
		t.Fatal("uninterrupted night made no record")
	}
	tests := []struct {
		name  string
		kills []int // fetches after which successive runs are killed
	}{
		{"early", []int{3}},
		{"middle", []int{15}},
		{"late", []int{30}},
		{"twice", []int{8, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			var pid int
			for _, k := range tt.kills {
				pid, _ = child(t, data, k)
			}
			_, rep := child(t, data, 0)
			if !rep.Resumed {
				t.Errorf("restarted night did not resume the crawl: %+v", rep)
			}
			if rep.TookOverPID != pid {
				t.Errorf("restarted night took over pid %d, want the killed %d", rep.TookOverPID, pid)
			}
			if diff := diffRecords(wantRecs, records(t, data)); diff != "" {
				t.Errorf("records differ from an uninterrupted night:\n%s", diff)
			}
			if got := indexDigest(t, data); got != wantIndex {
				t.Errorf("index differs from an uninterrupted night:\n--- uninterrupted\n%s\n--- killed\n%s", wantIndex, got)
			}
			got := archivedURLs(t, data)
			for _, u := range wantArchived {
				if _, ok := slices.BinarySearch(got, u); !ok {
					t.Errorf("not archived after the kill: %s", u)
				}
			}
		})
	}
}

// indexDigest renders what the index answers: every record id with its
// searchable province and year, and a question over the members.
func indexDigest(t *testing.T, data string) string {
	t.Helper()
	c, err := corpus.Open(data, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	res, err := c.Search("", corpus.Filter{All: true}, corpus.Page{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, h := range res.Hits {
		lines = append(lines, fmt.Sprintf("%s %s %d", h.Record.ID, h.Record.Province, h.Record.Year))
	}
	slices.Sort(lines)
	m, err := c.Query("Biên phòng", corpus.Filter{}, corpus.ByProvince)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("total %d\n%s\nmember %v absent %v unknown %v", res.Total, strings.Join(lines, "\n"), m.Member, m.Absent, m.Unknown)
}

// archivedURLs lists the URLs of the archived HTML pages, sorted, once each.
func archivedURLs(t *testing.T, data string) []string {
	t.Helper()
	var urls []string
	err := crawl.ReadArchive(data+"/warc", func(p crawl.ArchivedPage) error {
		urls = append(urls, p.URL)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(urls)
	return slices.Compact(urls)
}

// TestTwoProcessesAtOnce starts a second nightly process while a first one
// is crawling the same data directory: the second says the first holds the
// lock (by its pid) and leaves; the first finishes alone.
func TestTwoProcessesAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	srv, err := testsite.New(fixtureSites, testsite.Options{Latency: 15 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	data := t.TempDir()
	start := func() (*exec.Cmd, *bufio.Scanner) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperNightlyProcess$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "THIDUA_NIGHTLY_ADDR="+strings.TrimPrefix(srv.URL(), "http://"), "THIDUA_NIGHTLY_DATA="+data)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, bufio.NewScanner(out)
	}
	first, out1 := start()
	for out1.Scan() && !strings.HasPrefix(out1.Text(), "done ") {
	}
	second, out2 := start()
	var lines2 []string
	for out2.Scan() {
		lines2 = append(lines2, out2.Text())
	}
	if err := second.Wait(); err != nil {
		t.Errorf("second process: %v", err)
	}
	want := fmt.Sprintf("locked %d", first.Process.Pid)
	if !slices.Contains(lines2, want) || slices.ContainsFunc(lines2, func(l string) bool { return strings.HasPrefix(l, "done ") }) {
		t.Errorf("second process did not refuse with %q before any fetch:\n%s", want, strings.Join(lines2, "\n"))
	}
	var rep Report
	for out1.Scan() {
		if r, ok := strings.CutPrefix(out1.Text(), "report "); ok {
			if err := json.Unmarshal([]byte(r), &rep); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("first process: %v", err)
	}
	if rep.NewRecords == 0 || rep.TookOverPID != 0 {
		t.Errorf("first process's night: %+v", rep)
	}
	if reps, err := Reports(data, 0); err != nil || len(reps) != 1 {
		t.Errorf("reports: %d %v, want the first night's only", len(reps), err)
	}
}
