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
// -web.timeout, with the answer cache on and off. It reports requests per
// second, the p99 latency, and the mean time of the corpus answer alone
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
	for _, bc := range []struct {
		name  string
		cache int
	}{{"cache", 0}, {"nocache", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			srv := httptest.NewServer(NewHandler(c, Options{CacheEntries: bc.cache}))
			defer srv.Close()
			var all []time.Duration
			var elapsed time.Duration
			for b.Loop() {
				ctx, cancel := context.WithTimeout(b.Context(), *loadTimeout)
				start := time.Now()
				lat, err := loadRound(ctx, srv.URL, *loadRequests, *loadWorkers)
				elapsed += time.Since(start)
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				all = append(all, lat...)
			}
			b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
			b.ReportMetric(float64(p99(all).Microseconds())/1000, "p99-ms")
			b.ReportMetric(directMs, "direct-query-ms")
		})
	}
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
