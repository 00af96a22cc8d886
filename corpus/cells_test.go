package corpus

import (
	"slices"
	"testing"

	"github.com/thidua/thidua/extract"
)

// TestCellCache checks that Query answers from the cells of the store's
// current generation: a Put after a question changes the next answer.
func TestCellCache(t *testing.T) {
	c, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rec := func(id string, units ...string) extract.Record {
		r := extract.Record{ID: id, Relevant: true, Level: extract.LevelProvince, Province: "Nghệ An", Year: 2021,
			MembersComplete: true}
		for _, u := range units {
			r.Members = append(r.Members, extract.Member{Name: u, Unit: u})
		}
		return r
	}
	steps := []struct {
		name     string
		put      []extract.Record
		state    State
		records  []string
		evidence []string
	}{
		{"complete list without the unit", []extract.Record{rec("b", extract.UnitPolice)}, Absent, []string{"b"}, []string{"b"}},
		{"a record listing it", []extract.Record{rec("a", extract.UnitBorderGuard)}, Member, []string{"a", "b"}, []string{"a"}},
		{"that record replaced", []extract.Record{rec("a", extract.UnitCourt)}, Absent, []string{"a", "b"}, []string{"a", "b"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if _, err := c.Put(st.put...); err != nil {
				t.Fatal(err)
			}
			for round := range 2 { // the second answer comes from the cache
				m, err := c.Query(extract.UnitBorderGuard, Filter{}, "")
				if err != nil {
					t.Fatal(err)
				}
				got := cellOf(t, &m.Table, "Nghệ An", "2021")
				if got.State != st.state || !slices.Equal(got.Records, st.records) || !slices.Equal(got.Evidence, st.evidence) {
					t.Errorf("round %d: cell = %+v, want %s records %v evidence %v", round, got, st.state, st.records, st.evidence)
				}
			}
		})
	}
}

// TestCellCacheShared checks that answers grouping several cells into one
// row (by province_2025) leave the cells kept in memory as they were.
func TestCellCacheShared(t *testing.T) {
	c, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var recs []extract.Record
	for _, p := range []string{"Nam Định", "Hà Nam", "Ninh Bình"} {
		recs = append(recs, extract.Record{ID: p, Relevant: true, Province: p, Year: 2021, MembersComplete: true,
			Members: []extract.Member{{Name: "Công an", Unit: extract.UnitPolice}}})
	}
	if _, err := c.Put(recs...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		by      Group
		row     string
		records []string
	}{
		{"merged", ByProvince2025, "Ninh Bình", []string{"Hà Nam", "Nam Định", "Ninh Bình"}},
		{"merged again", ByProvince2025, "Ninh Bình", []string{"Hà Nam", "Nam Định", "Ninh Bình"}},
		{"one province after", ByProvince, "Nam Định", []string{"Nam Định"}},
		{"another after", ByProvince, "Hà Nam", []string{"Hà Nam"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := c.Query(extract.UnitPolice, Filter{}, tt.by)
			if err != nil {
				t.Fatal(err)
			}
			if got := cellOf(t, &m.Table, tt.row, "2021"); got.State != Member || !slices.Equal(got.Records, tt.records) {
				t.Errorf("%s/2021 = %+v, want member with %v", tt.row, got, tt.records)
			}
		})
	}
}
