//go:build !linux

package testdb

// memoryDir returns "": outside Linux the cluster lives in the default
// temporary directory.
func memoryDir() string { return "" }
