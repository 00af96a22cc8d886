package normalize

import "testing"

func TestQuotesAndDashes(t *testing.T) {
	cases := []struct {
		r                 rune
		open, close, dash bool
	}{
		{'“', true, false, false},
		{'”', false, true, false},
		{'‘', true, false, false},
		{'’', false, true, false},
		{'«', true, false, false},
		{'»', false, true, false},
		{'„', true, false, false},
		{'"', true, true, false},
		{'\'', true, true, false},
		{'-', false, false, true},
		{'–', false, false, true},
		{'—', false, false, true},
		{'‒', false, false, true},
		{'−', false, false, true},
		{'a', false, false, false},
		{'.', false, false, false},
	}
	for _, tc := range cases {
		t.Run(string(tc.r), func(t *testing.T) {
			if IsOpenQuote(tc.r) != tc.open || IsCloseQuote(tc.r) != tc.close ||
				IsQuote(tc.r) != (tc.open || tc.close) || IsDash(tc.r) != tc.dash {
				t.Errorf("%q: open %v close %v dash %v, want %v %v %v", tc.r,
					IsOpenQuote(tc.r), IsCloseQuote(tc.r), IsDash(tc.r), tc.open, tc.close, tc.dash)
			}
			if String("x"+string(tc.r)+"y") != "x"+string(tc.r)+"y" {
				t.Errorf("String changes %q", tc.r)
			}
		})
	}
}
