package crawl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thidua/thidua/crawl/testsite"
	bolt "go.etcd.io/bbolt"
)

// mirrorDir generates (once, cached in the temp directory) a mirror of n
// pages spread over hosts.
func mirrorDir(b testing.TB, hosts, n int) (string, []string) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("thidua-bench-mirror-%dx%d", hosts, n/hosts))
	var names []string
	for h := range hosts {
		names = append(names, fmt.Sprintf("bao%d.example.vn", h+1))
	}
	if _, err := os.Stat(filepath.Join(dir, ".done")); err != nil {
		os.RemoveAll(dir)
		for i, h := range names {
			if err := testsite.Mirror(dir, h, n/hosts, int64(i+1)); err != nil {
				b.Fatal(err)
			}
		}
		os.WriteFile(filepath.Join(dir, ".done"), nil, 0o644)
	}
	return dir, names
}

func mirrorSources(hosts []string) *Sources {
	var b strings.Builder
	b.WriteString("delay = \"0s\"\nconcurrency = 4\nmax_depth = 1\n")
	for _, h := range hosts {
		fmt.Fprintf(&b, "[[site]]\nname = %q\nhosts = [%q]\nstart = [\"https://%s/sitemap.xml\"]\narticle = ['/bai-viet/[a-z0-9-]+\\.html$']\nlisting = ['/chuyen-muc/']\n",
			strings.Split(h, ".")[0], h, h)
	}
	src, err := LoadSources(strings.NewReader(b.String()), "bench")
	if err != nil {
		panic(err)
	}
	return src
}

// BenchmarkCrawlMirror crawls a generated mirror of 10,000 article pages
// on 4 hosts with delays off and reports pages/s, peak heap and the CPU
// time per page (process-wide, the test server included: on a shared
// machine pages/s follows the share of the cores the run gets, CPU per
// page does not).
//
// Concurrency: real sites are fetched one request at a time per host
// (WithHostParallelism 1, the default), so 4 mirror hosts would allow only
// 4 fetches in flight and measure the server's latency rather than the
// crawler. With delays off the benchmark lets each host take perHost
// requests at once, under the global bound of hosts × perHost workers.
func BenchmarkCrawlMirror(b *testing.B) {
	const hosts, n, perHost = 4, 10000, 2
	dir, names := mirrorDir(b, hosts, n)
	src := mirrorSources(names)
	srv, err := testsite.New(dir, testsite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	b.ResetTimer()
	for range b.N {
		data := b.TempDir()
		var peak atomic.Uint64
		stop := make(chan struct{})
		go sampleHeap(&peak, stop)
		c, err := New(src, data, WithTransport(srv.Transport()), WithDelay(0), WithMaxBodySize(1<<20),
			WithConcurrency(hosts*perHost), WithHostParallelism(perHost))
		if err != nil {
			b.Fatal(err)
		}
		cpu0, cpuOK := processCPU()
		start := time.Now()
		sum, err := c.Run(context.Background())
		el := time.Since(start)
		cpu1, _ := processCPU()
		close(stop)
		if err != nil {
			b.Fatal(err)
		}
		if sum.NewArticles < n {
			b.Fatalf("new articles %d, want %d (%+v)", sum.NewArticles, n, sum)
		}
		b.ReportMetric(float64(sum.Fetched)/el.Seconds(), "pages/s")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(sum.Fetched), "pages")
		if cpuOK {
			// The test server runs in the same process: its CPU is included.
			b.ReportMetric(float64(cpu1-cpu0)/float64(time.Millisecond)/float64(sum.Fetched), "cpu-ms/page")
		}
	}
}

func sampleHeap(peak *atomic.Uint64, stop chan struct{}) {
	var ms runtime.MemStats
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// BenchmarkStateStore100k seeds the state store with 100,000 known URLs
// (queued in the frontier) and reports the heap in use while the
// dispatcher's queries run over it: the visited set and the frontier are in
// bbolt, not in Go maps.
func BenchmarkStateStore100k(b *testing.B) {
	const n = 100000
	st, err := openStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.close()
	now := time.Now()
	for i := 0; i < n; i += 5000 {
		err := st.update(func(tx *bolt.Tx) error {
			for j := i; j < i+5000; j++ {
				s := &URLState{URL: fmt.Sprintf("https://bao%d.example.vn/bai-viet/tin-%d.html", j%4, j), Site: "x", Kind: KindArticle}
				if err := enqueue(tx, s, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ResetTimer()
	for i := range b.N {
		st.view(func(tx *bolt.Tx) error {
			next(tx, fmt.Sprintf("bao%d.example.vn", i%4), now, nil)
			getState(tx, fmt.Sprintf("https://bao%d.example.vn/bai-viet/tin-%d.html", i%4, i%n))
			return nil
		})
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(float64(ms.HeapInuse)/n, "heap-B/url")
}
