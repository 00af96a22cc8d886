package nightly

import (
	"context"
	"testing"

	"github.com/thidua/thidua/crawl/testsite"
)

// BenchmarkFirstNight runs a first night over the fixture sites (crawl,
// extract, store, index, report) into a fresh data directory.
func BenchmarkFirstNight(b *testing.B) {
	e := newEnv(b, testsite.Options{})
	records := 0
	for b.Loop() {
		e.data = b.TempDir()
		rep, err := Run(context.Background(), e.options())
		if err != nil {
			b.Fatal(err)
		}
		records = rep.NewRecords
	}
	b.ReportMetric(float64(records), "records/night")
}

// BenchmarkSecondNight runs a night over unchanged sites (conditional
// requests, nothing to extract): the steady cost of the nightly job.
func BenchmarkSecondNight(b *testing.B) {
	e := newEnv(b, testsite.Options{})
	e.run(b)
	var bytes int64
	for b.Loop() {
		rep, err := Run(context.Background(), e.options())
		if err != nil {
			b.Fatal(err)
		}
		bytes = rep.Bytes
	}
	b.ReportMetric(float64(bytes), "bytes/night")
}

// BenchmarkReextract extracts the archive of one night again (no fetch).
func BenchmarkReextract(b *testing.B) {
	e := newEnv(b, testsite.Options{})
	e.run(b)
	for b.Loop() {
		if _, err := Reextract(context.Background(), e.options()); err != nil {
			b.Fatal(err)
		}
	}
}
