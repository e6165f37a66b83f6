package testdb

import "testing"

func TestWithDatabase(t *testing.T) {
	tests := []struct {
		name string
		dsn  string
		want string
	}{
		{
			"url",
			"postgres://app:secret@db.example:5433/leitstand?sslmode=disable",
			"postgres://app:secret@db.example:5433/test_1?sslmode=disable",
		},
		{
			"url without database",
			"postgresql://app@localhost?sslmode=disable",
			"postgresql://app@localhost/test_1?sslmode=disable",
		},
		{
			"key value",
			"host=localhost user=app dbname=leitstand sslmode=disable",
			"host=localhost user=app dbname=leitstand sslmode=disable dbname=test_1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := withDatabase(tt.dsn, "test_1")
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("withDatabase(%q) = %q, want %q", tt.dsn, got, tt.want)
			}
		})
	}
}

func TestInCI(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{
		{"", false},
		{"0", false},
		{"false", false},
		{"true", true},
		{"1", true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Setenv("CI", tt.value)
			if got := inCI(); got != tt.want {
				t.Errorf("inCI() with CI=%q = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}
