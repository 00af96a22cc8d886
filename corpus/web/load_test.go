package web

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/extract"
)

// goldSeeds are the relevant records the load corpus is generated from.
const goldSeeds = "../../testdata/corpus/gold.jsonl"

var (
	loadRecords  = flag.Int("web.records", 100_000, "records in the load-test corpus")
	loadRequests = flag.Int("web.requests", 500, "requests per load round")
	loadWorkers  = flag.Int("web.workers", 8, "concurrent clients in the load round")
	loadTimeout  = flag.Duration("web.timeout", 2*time.Minute, "bound on one load round")
)

// readSeeds reads JSONL records.
func readSeeds(tb testing.TB, path string) []extract.Record {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []extract.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for line := 1; sc.Scan(); line++ {
		var r extract.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// loadCorpus puts n generated records into a fresh corpus.
func loadCorpus(tb testing.TB, n int) *corpus.Corpus {
	tb.Helper()
	c, err := corpus.Open(tb.TempDir(), corpus.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	batch := make([]extract.Record, 0, 1000)
	for r := range corpus.Generate(readSeeds(tb, goldSeeds), n) {
		if batch = append(batch, r); len(batch) == cap(batch) {
			if _, err := c.Put(batch...); err != nil {
				tb.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if _, err := c.Put(batch...); err != nil {
		tb.Fatal(err)
	}
	return c
}

// loadUnits are the units the load round asks about, as people write them.
var loadUnits = []string{"bien phong", "Biên phòng", "BCHQS", "công an", "procuracy", "Tòa án", "Sở Tư pháp", "THADS"}

// loadRound sends requests GETs of /api/query from workers clients over
// loopback and returns each request's latency. It stops at the first
// failure or when ctx ends.
func loadRound(ctx context.Context, base string, requests, workers int) ([]time.Duration, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	defer client.CloseIdleConnections()
	lat := make([]time.Duration, requests)
	next := make(chan int)
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				target := base + "/api/query?unit=" + url.QueryEscape(loadUnits[i%len(loadUnits)])
				req, err := http.NewRequestWithContext(ctx, "GET", target, nil)
				if err != nil {
					errc <- err
					return
				}
				start := time.Now()
				res, err := client.Do(req)
				if err != nil {
					errc <- err
					return
				}
				_, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				lat[i] = time.Since(start)
				if err != nil || res.StatusCode != 200 {
					errc <- fmt.Errorf("%s: status %d, %v", target, res.StatusCode, err)
					return
				}
			}
		})
	}
	var err error
send:
	for i := range requests {
		select {
		case next <- i:
		case err = <-errc:
			break send
		case <-ctx.Done():
			err = ctx.Err()
			break send
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errc:
		default:
		}
	}
	return lat, err
}

// p99 returns the 99th percentile of the latencies.
func p99(lat []time.Duration) time.Duration {
	s := slices.Clone(lat)
	slices.Sort(s)
	return s[(len(s)*99+99)/100-1]
}

// BenchmarkQueryLoad is the load test: -web.records generated records
// (100,000 by default), and per iteration a round of -web.requests GETs of
// /api/query from -web.workers clients over loopback, bounded by
// -web.timeout, with the answer cache on and off, over a corpus held open
// and over a corpus.Shared (see the cases). It reports requests per
// second, the median and p99 latency, and the mean time of the corpus answer alone
// (direct-query-ms).
// Run: go test ./corpus/web -run '^$' -bench BenchmarkQueryLoad -benchtime 1x -benchmem
func BenchmarkQueryLoad(b *testing.B) {
	c := loadCorpus(b, *loadRecords)
	// The corpus answer alone, for the share of the HTTP layer (encoding,
	// loopback) in the latency: the mean of a few direct Query calls.
	const direct = 10
	start := time.Now()
	for i := range direct {
		if _, err := c.Query(loadUnits[i%len(loadUnits)], corpus.Filter{}, ""); err != nil {
			b.Fatal(err)
		}
	}
	directMs := float64(time.Since(start).Microseconds()) / direct / 1000
	// held: the corpus open for the server's life (NewHandler(c)), as
	// serve did before; shared: serve's corpus.Shared, opened read-only on
	// demand and closed after the idle time; shared-reopen: one client and
	// an idle time of 1ns, so that nearly every request opens the store
	// and the index again and rebuilds the decoded cells (the cost of the
	// first request after a pause), on fewer requests, beside
	// nocache-1client, the same client over the corpus held open.
	cases := []struct {
		name     string
		shared   bool
		idle     time.Duration
		cache    int
		workers  int
		requests int
	}{
		{"cache", false, 0, 0, *loadWorkers, *loadRequests},
		{"nocache", false, 0, -1, *loadWorkers, *loadRequests},
		{"nocache-1client", false, 0, -1, 1, min(*loadRequests, 50)},
		{"shared-cache", true, corpus.DefaultIdle, 0, *loadWorkers, *loadRequests},
		{"shared-nocache", true, corpus.DefaultIdle, -1, *loadWorkers, *loadRequests},
		{"shared-reopen-nocache", true, time.Nanosecond, -1, 1, min(*loadRequests, 50)},
		{"shared-reopen-cache", true, time.Nanosecond, 0, 1, min(*loadRequests, 50)},
	}
	for _, bc := range cases { // the held cases first: the shared ones close c
		var src Source = c
		if bc.shared {
			if err := c.Close(); err != nil { // the writer goes: readers share the store
				b.Fatal(err)
			}
			s := corpus.NewShared(c.Dir(), corpus.Options{}, bc.idle)
			defer s.Close()
			src = s
		}
		b.Run(bc.name, func(b *testing.B) {
			srv := httptest.NewServer(NewHandler(src, Options{CacheEntries: bc.cache}))
			defer srv.Close()
			var all []time.Duration
			var elapsed time.Duration
			for b.Loop() {
				ctx, cancel := context.WithTimeout(b.Context(), *loadTimeout)
				start := time.Now()
				lat, err := loadRound(ctx, srv.URL, bc.requests, bc.workers)
				elapsed += time.Since(start)
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				all = append(all, lat...)
			}
			b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
			b.ReportMetric(float64(p50(all).Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(p99(all).Microseconds())/1000, "p99-ms")
			b.ReportMetric(directMs, "direct-query-ms")
			if bc.idle == time.Nanosecond && bc.cache < 0 {
				b.ReportMetric(openQueryMs(b, c.Dir()), "open-query-ms")
			}
		})
	}
}

// openQueryMs is the mean time, in ms, of what a request after a pause
// costs the corpus: a read-only open, a Query (which decodes the cells)
// and the close.
func openQueryMs(b *testing.B, dir string) float64 {
	const n = 5
	start := time.Now()
	for i := range n {
		c, err := corpus.Open(dir, corpus.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Query(loadUnits[i%len(loadUnits)], corpus.Filter{}, ""); err != nil {
			b.Fatal(err)
		}
		if err := c.Close(); err != nil {
			b.Fatal(err)
		}
	}
	return float64(time.Since(start).Microseconds()) / n / 1000
}

// p50 returns the median of the latencies.
func p50(lat []time.Duration) time.Duration {
	s := slices.Clone(lat)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// TestLoadRound runs a small load round against the fixture corpus, so
// that the harness is checked with the other tests.
func TestLoadRound(t *testing.T) {
	srv := httptest.NewServer(NewHandler(openFixtures(t, fixture), Options{}))
	t.Cleanup(srv.Close)
	lat, err := loadRound(t.Context(), srv.URL, 50, 4)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range lat {
		if d <= 0 {
			t.Fatalf("request %d has no latency", i)
		}
	}
	if got := p99([]time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}); got != 10 {
		t.Errorf("p99 of 1..10 = %v, want 10", got)
	}
}
