package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"iter"

	"github.com/thidua/thidua/extract"
)

// Generate yields n synthetic records made from seeds (relevant records,
// such as the gold records in testdata/corpus/gold.jsonl) for benchmarks
// and load tests. It is deterministic: record i takes seed i mod
// len(seeds), a province and a year that vary with i (all 63 provinces,
// years 2010-2025), a date in that year, and a host among 20. In every
// fifth province the border guard is dropped from the members; every 50th
// record is a syndicated copy of the one before it on another host, so
// linking is exercised. Seeds that are not relevant are skipped.
func Generate(seeds []extract.Record, n int) iter.Seq[extract.Record] {
	var base []extract.Record
	for _, s := range seeds {
		if s.Relevant {
			base = append(base, s)
		}
	}
	return func(yield func(extract.Record) bool) {
		if len(base) == 0 {
			return
		}
		var prev extract.Record
		for i := range n {
			if i%50 == 49 {
				c := prev
				c.ID = fmt.Sprintf("gen-%06d", i)
				c.Source = fmt.Sprintf("mirror%02d.example.vn", i%7)
				c.URL = "https://" + c.Source + "/copy/" + c.ID
				c.Links = nil
				if !yield(c) {
					return
				}
				continue
			}
			s := base[i%len(base)]
			pi := (i*7 + i/len(base)) % len(extract.Provinces)
			p := extract.Provinces[pi]
			year := 2010 + (i/len(extract.Provinces))%16
			r := s
			r.ID = fmt.Sprintf("gen-%06d", i)
			r.Source = fmt.Sprintf("site%02d.example.vn", i%20)
			r.URL = fmt.Sprintf("https://%s/tin/%d/%s", r.Source, year, r.ID)
			r.Title = fmt.Sprintf("%s — %s %d (%d)", s.Title, p.Name, year, i)
			r.Province, r.Province2025, r.Year = p.Name, p.After2025, year
			r.EventDate = fmt.Sprintf("%04d-%02d-%02d", year, 1+(i/28)%12, 1+i%28)
			r.Published = r.EventDate
			r.Level = extract.LevelProvince
			r.Extractor = extract.Version
			r.Evidence = nil
			r.Links = nil
			r.Members = nil
			for _, m := range s.Members {
				if m.Unit == extract.UnitBorderGuard && pi%5 == 0 {
					continue
				}
				r.Members = append(r.Members, m)
			}
			prev = r
			if !yield(r) {
				return
			}
		}
	}
}

// GenerateJSONL writes the n records Generate makes of seeds to w as JSONL,
// the input of `thidua import` for benchmarks.
func GenerateJSONL(w io.Writer, seeds []extract.Record, n int) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for r := range Generate(seeds, n) {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return bw.Flush()
}
