package normalize

import "testing"

func TestIsSyllable(t *testing.T) {
	cases := []struct {
		w    string
		want bool
	}{
		{"Khối", true}, {"nghiêng", true}, {"người", true}, {"giữ", true}, {"gì", true},
		{"quý", true}, {"khuya", true}, {"thuyết", true}, {"Hòa", true}, {"hoà", true},
		{"ĐBQH", false}, {"Vieät", false}, {"ViÖt", false}, {"hoứa", false}, {"Vieọt", false},
		{"été", false}, {"très", false}, {"hóà", false}, {"", false}, {"nghiêngg", false},
	}
	for _, tc := range cases {
		t.Run(tc.w, func(t *testing.T) {
			if got := isSyllable(tc.w); got != tc.want {
				t.Errorf("isSyllable(%q) = %v, want %v", tc.w, got, tc.want)
			}
		})
	}
}

func TestSyllableScore(t *testing.T) {
	v, inv := syllableScore(sentence + ", Facebook 2024 “Vieät”")
	if v != 11 || inv != 1 {
		t.Errorf("syllableScore = %d valid, %d invalid; want 11, 1", v, inv)
	}
}
