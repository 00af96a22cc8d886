package extract

import (
	"path/filepath"
	"testing"
	"time"
)

// Whole-pipeline benchmarks: a page or a text to its record. Compare
// BenchmarkExtractHTML with BenchmarkGoqueryParse (page_bench_test.go) in
// one run; the budget is 2.5 times the bare parse. Plain text of a typical
// article (2 KB) should reach 5,000 documents per second on one core:
//
//	go test ./extract -run '^$' -bench 'Extract|GoqueryParse' -benchmem -cpu 1

func BenchmarkExtractHTML(b *testing.B) {
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
			if _, err := Extract(Document{HTML: string(p), URL: "https://example.vn/a.html"}, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPages(b, b.N*len(pages), size, start)
}

func BenchmarkExtractText(b *testing.B) {
	goldSets(b)
	docs := readDocs(b, filepath.Join(sharedGold, "dev.docs.jsonl"))
	docs = append(docs, readDocs(b, filepath.Join(sharedGold, "seeds.docs.jsonl"))...)
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	b.SetBytes(size / int64(len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		if _, err := Extract(d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
}
