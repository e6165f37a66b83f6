package proxmox

import (
	"cmp"
	"slices"
	"strings"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// dirPlugins are the storage types that are a directory on a filesystem
// the node mounts: several of them on one filesystem ("local" and a
// "cloud-init" directory beside it on the root filesystem) each report
// that filesystem's size and use.
var dirPlugins = map[text]bool{"dir": true, "btrfs": true}

// filesystems turns the available storages of each node (stores[i] are
// those of the i-th node, nodes sorted by name) into its filesystems.
// Proxmox lists every storage on every node that can use it, which counts
// twice over: directory storages on one filesystem are that filesystem
// once, named after them ("local, cloud-init"), and a shared storage (NFS,
// CephFS, RBD, Proxmox Backup Server) is reported once for the cluster, on
// the first node by name that has it available, marked Shared.
func filesystems(stores [][]*resource) [][]provider.Filesystem {
	out := make([][]provider.Filesystem, len(stores))
	placed := map[text]bool{}
	for i, rs := range stores {
		var dirs [][]*resource
		for _, r := range rs {
			switch {
			case r.Shared != 0:
				if !placed[r.Storage] {
					placed[r.Storage] = true
					out[i] = append(out[i], provider.Filesystem{
						Name: string(r.Storage), UsedBytes: r.Disk.int(), TotalBytes: r.MaxDisk.int(), Shared: true,
					})
				}
			case dirPlugins[r.PluginType]:
				dirs = join(dirs, r)
			default:
				out[i] = append(out[i], provider.Filesystem{
					Name: string(r.Storage), UsedBytes: r.Disk.int(), TotalBytes: r.MaxDisk.int(),
				})
			}
		}
		for _, group := range dirs {
			out[i] = append(out[i], merge(group))
		}
		slices.SortFunc(out[i], func(a, b provider.Filesystem) int { return strings.Compare(a.Name, b.Name) })
	}
	return out
}

// join adds a directory storage to the group of those on the same
// filesystem, or starts a group. Proxmox reads each storage's usage on its
// own, so storages on a filesystem being written to may differ by a few
// blocks; the size is the same.
func join(groups [][]*resource, r *resource) [][]*resource {
	for i, g := range groups {
		total, used := g[0].MaxDisk.uint(), g[0].Disk.uint()
		diff := max(used, r.Disk.uint()) - min(used, r.Disk.uint())
		if r.MaxDisk.uint() == total && diff <= total/1000 {
			groups[i] = append(g, r)
			return groups
		}
	}
	return append(groups, []*resource{r})
}

// merge makes one filesystem of a group of directory storages. "local",
// the storage Proxmox VE creates on the root filesystem, leads the name:
// it is the one an operator knows that filesystem by.
func merge(group []*resource) provider.Filesystem {
	names := make([]string, 0, len(group))
	var used uint64
	for _, r := range group {
		names = append(names, string(r.Storage))
		used = max(used, r.Disk.uint())
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(boolRank(b == "local"), boolRank(a == "local")), strings.Compare(a, b))
	})
	return provider.Filesystem{
		Name:       strings.Join(names, ", "),
		UsedBytes:  clamp(used),
		TotalBytes: group[0].MaxDisk.int(),
	}
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
