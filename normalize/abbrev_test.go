package normalize

import "testing"

func TestLookupAbbrev(t *testing.T) {
	cases := []struct {
		in, short, unit string
		ok              bool
	}{
		{"BĐBP", "BĐBP", "border-guard", true},
		{"BDBP", "BĐBP", "border-guard", true},
		{"bđbp", "BĐBP", "border-guard", true},
		{"VKSND", "VKSND", "procuracy", true},
		{"Viện KSND", "Viện KSND", "procuracy", true},
		{"vien ksnd", "Viện KSND", "procuracy", true},
		{"TAND", "TAND", "court", true},
		{"Bộ CHQS", "Bộ CHQS", "military", true},
		{"BỘ CHQS", "Bộ CHQS", "military", true},
		{"BCHQS", "BCHQS", "military", true},
		{"BCH QS", "BCHQS", "military", true}, // same key
		{"BCH BĐBP", "BCH BĐBP", "border-guard", true},
		{"CA", "CA", "police", true},
		{"Cục THADS", "Cục THADS", "enforcement", true},
		{"STP", "STP", "justice", true},
		{"VP Đoàn ĐBQH", "VP Đoàn ĐBQH", "na-delegation", true},
		{"CSCĐ", "CSCĐ", "mobile-police", true},
		{"KT-XH", "KT-XH", "", true},
		{"KT – XH", "KT-XH", "", true},
		{"UBND", "UBND", "other", true},
		{"HĐTĐKT", "HĐTĐKT", "other", true},
		{"Đ.B.Q.H", "ĐBQH", "", true},
		{"XYZ", "", "", false},
		{"", "", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			a, ok := LookupAbbrev(tc.in)
			if ok != tc.ok || a.Short != tc.short || a.Unit != tc.unit {
				t.Errorf("LookupAbbrev(%q) = %+v, %v; want short %q unit %q, %v", tc.in, a, ok, tc.short, tc.unit, tc.ok)
			}
		})
	}
}

// TestAbbreviationsTable checks the table: the list is there,
// expansions are canonical, units are codes of spec/record.md, and no two
// entries share a key unless they mean the same.
func TestAbbreviationsTable(t *testing.T) {
	units := map[string]bool{"": true, "military": true, "border-guard": true, "police": true,
		"procuracy": true, "court": true, "justice": true, "enforcement": true, "inspectorate": true,
		"home-affairs": true, "na-delegation": true, "party-internal-affairs": true, "prison": true,
		"mobile-police": true, "other": true}
	seen := map[string]Abbrev{}
	for _, a := range Abbreviations() {
		if !units[a.Unit] {
			t.Errorf("%s: unit %q is not a spec code", a.Short, a.Unit)
		}
		if String(a.Expansion) != a.Expansion || String(a.Short) != a.Short {
			t.Errorf("%s: not canonical", a.Short)
		}
		k := abbrevKey(a.Short)
		if b, dup := seen[k]; dup && (b.Expansion != a.Expansion || b.Unit != a.Unit) {
			t.Errorf("%s and %s share a key but differ", a.Short, b.Short)
		}
		seen[k] = a
	}
	for _, s := range []string{"VKSND", "VKS", "Viện KSND", "TAND", "TA", "BCHQS", "Bộ CHQS", "BCH QS",
		"BĐBP", "BCH BĐBP", "BP", "CA", "CAT", "THADS", "Cục THADS", "STP", "UBND", "HĐND", "ĐBQH",
		"VP Đoàn ĐBQH", "LLVT", "CSCĐ", "KT-XH", "QP-AN", "ANTT", "TTATXH", "MTTQ", "BTĐKT", "HĐTĐKT"} {
		if _, ok := LookupAbbrev(s); !ok {
			t.Errorf("%s missing", s)
		}
	}
	a := Abbreviations()
	a[0].Short = "changed"
	if Abbreviations()[0].Short == "changed" {
		t.Error("Abbreviations returns the table itself")
	}
}
