package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/thidua/thidua/internal/cputime"
)

// The page budget: a whole HTML page to its record in at most 2.5 times the
// bare goquery parse of that page. Run both benchmarks in one go and compare
// their pages/s:
//
//	go test ./extract -run '^$' -bench 'ParseHTML|GoqueryParse|ParseText' -benchmem

// benchPages reads the HTML fixtures of testdata/pages.
func benchPages(b *testing.B) [][]byte {
	return globPages(b, filepath.Join("..", "testdata", "pages", "*", "*.html"))
}

// globPages reads the pages a glob pattern names; none is a failure.
func globPages(b *testing.B, pattern string) [][]byte {
	b.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		b.Fatalf("no pages match %s (%v)", pattern, err)
	}
	var pages [][]byte
	for _, f := range files {
		p, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
	}
	return pages
}

// reportPages reports the throughput of n pages in d.
func reportPages(b *testing.B, n int, size int64, start time.Time) {
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "pages/s")
	b.SetBytes(size)
}

func BenchmarkParseHTML(b *testing.B) {
	pages := benchPages(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p))
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			if _, err := ParseHTML(bytes.NewReader(p), "https://example.vn/a.html"); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPages(b, b.N*len(pages), size, start)
}

func BenchmarkGoqueryParse(b *testing.B) {
	pages := benchPages(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p))
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			if _, err := goquery.NewDocumentFromReader(bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPages(b, b.N*len(pages), size, start)
}

func BenchmarkParseText(b *testing.B) {
	docs := readGold(b)
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			ParseText(d.Text)
		}
	}
	reportPages(b, b.N*len(docs), size, start)
}

// BenchmarkParseHTMLVsGoquery runs the bare goquery parse and ParseHTML
// over the same pages in one benchmark and reports the ratio of the CPU
// time they use ("cpu-ratio"): 1 is the parse itself, the rest is the page
// layer. It also times the page layer alone (pageFromTree on the trees of
// the bare parse) against the parse ("page-ratio", aim ≤ 0.5), so that the
// whole page→record stays within 2.5 (BenchmarkExtractHTMLVsGoquery). CPU
// time, unlike wall time, does not count the time other processes on a
// shared machine take from this one. "fixtures" are testdata/pages (3–14
// KB), "news" news-sized pages with real-size chrome (30–60 KB):
//
//	go test ./extract -run '^$' -bench 'ParseHTMLVsGoquery' -benchtime 600x -cpu 1 -benchmem
func BenchmarkParseHTMLVsGoquery(b *testing.B) {
	b.Run("fixtures", func(b *testing.B) { benchParseVsGoquery(b, benchPages(b)) })
	b.Run("news", func(b *testing.B) { benchParseVsGoquery(b, mirrorPages(b, 20)) })
}

// benchParseVsGoquery times, in CPU time (cpuTime, extract_bench_test.go),
// the bare parse of pages, pageFromTree on the parsed trees, then ParseHTML.
func benchParseVsGoquery(b *testing.B, pages [][]byte) {
	const pageURL = "https://example.vn/a.html"
	docs := make([]*goquery.Document, len(pages))
	b.ReportAllocs()
	b.ResetTimer()
	var parseCPU, treeCPU, pageCPU time.Duration
	for i := 0; i < b.N; i++ {
		c0 := cputime.Process()
		for j, p := range pages {
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(p))
			if err != nil {
				b.Fatal(err)
			}
			docs[j] = doc
		}
		c1 := cputime.Process()
		for _, doc := range docs {
			pageFromTree(doc.Nodes[0], pageURL)
		}
		c2 := cputime.Process()
		for _, p := range pages {
			if _, err := ParseHTML(bytes.NewReader(p), pageURL); err != nil {
				b.Fatal(err)
			}
		}
		c3 := cputime.Process()
		parseCPU += c1 - c0
		treeCPU += c2 - c1
		pageCPU += c3 - c2
	}
	if parseCPU > 0 {
		b.ReportMetric(float64(pageCPU)/float64(parseCPU), "cpu-ratio")
		b.ReportMetric(float64(treeCPU)/float64(parseCPU), "page-ratio")
		b.ReportMetric(float64(b.N*len(pages))/pageCPU.Seconds(), "pages/cpu-s")
	}
}
