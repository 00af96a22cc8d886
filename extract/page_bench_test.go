package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
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

// BenchmarkParseHTMLVsGoquery parses each page with goquery alone, then with
// ParseHTML, in turn, and reports the ratio of their times: the two see the
// same load on a shared machine. The budget for the whole page→record is
// 2.5; ParseHTML must leave room for the field rules.
func BenchmarkParseHTMLVsGoquery(b *testing.B) {
	pages := benchPages(b)
	var bare, full time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			t0 := time.Now()
			if _, err := goquery.NewDocumentFromReader(bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := ParseHTML(bytes.NewReader(p), "https://example.vn/a.html"); err != nil {
				b.Fatal(err)
			}
			bare += t1.Sub(t0)
			full += time.Since(t1)
		}
	}
	b.ReportMetric(float64(full)/float64(bare), "x-goquery")
}
