package demo

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent/billingentity"
	"github.com/leitstand/leitstand/server/internal/image"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
)

// demoImage is a demo image: its owner (a reseller's signup handle, or
// "" for the licensee) and the resellers it is shared with.
type demoImage struct {
	owner    string
	values   image.Values
	sharedTo []string
}

const mib = int64(1) << 20

// demoImages are the demo's images: most the licensee's, some shared with
// Nordhost, Debian with both resellers, and one of each reseller's own.
var demoImages = []demoImage{
	{values: image.Values{Name: "Debian 12", Kind: image.OS, OS: "Debian", Version: "12.7", SizeBytes: 412 * mib,
		Source:      "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-generic-amd64.qcow2",
		Description: "Debian 12 \"Bookworm\", the generic cloud image with cloud-init."},
		sharedTo: []string{"nordhost", "suedcloud"}},
	{values: image.Values{Name: "Ubuntu 24.04 LTS", Kind: image.OS, OS: "Ubuntu", Version: "24.04.1", SizeBytes: 583 * mib,
		Source:      "https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img",
		Description: "Ubuntu Server 24.04 LTS \"Noble Numbat\", supported until 2029."},
		sharedTo: []string{"nordhost"}},
	{values: image.Values{Name: "Windows Server 2022", Kind: image.OS, OS: "Windows Server", Version: "21H2", SizeBytes: 10_450 * mib,
		Source:      "https://images.leitstand.test/windows/windows-server-2022-datacenter-21h2.qcow2",
		Description: "Datacenter edition with the virtio drivers; licences are billed per core."}},
	{values: image.Values{Name: "Rocky Linux 9", Kind: image.OS, OS: "Rocky Linux", Version: "9.4", SizeBytes: 609 * mib,
		Source: "https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2"}},
	{values: image.Values{Name: "Nextcloud 29", Kind: image.Application, OS: "Debian", Version: "29.0.4", SizeBytes: 1_240 * mib,
		Source:      "docker.io/library/nextcloud:29.0.4-apache",
		Description: "Nextcloud Hub 8 with Apache, for the Nextcloud packages of the catalogue."},
		sharedTo: []string{"nordhost"}},
	{values: image.Values{Name: "WordPress 6.6", Kind: image.Application, OS: "Debian", Version: "6.6.1", SizeBytes: 702 * mib,
		Source: "docker.io/library/wordpress:6.6.1-php8.3-apache"}},
	{values: image.Values{Name: "GitLab CE 17", Kind: image.Application, OS: "Ubuntu", Version: "17.3.1", SizeBytes: 3_310 * mib,
		Source:      "docker.io/gitlab/gitlab-ce:17.3.1-ce.0",
		Description: "GitLab Community Edition, the Omnibus image."}},
	{owner: "nordhost", values: image.Values{Name: "Nordhost Mailcow", Kind: image.Application, OS: "Debian", Version: "2024-08",
		SizeBytes: 2_150 * mib, Source: "registry.nordhost.test/mail/mailcow-dockerized:2024-08",
		Description: "Nordhost's mail server bundle for its hosting customers."}},
	{owner: "suedcloud", values: image.Values{Name: "Plesk Obsidian 18", Kind: image.Application, OS: "AlmaLinux", Version: "18.0.62",
		SizeBytes: 2_870 * mib, Source: "https://images.suedcloud.test/plesk/plesk-obsidian-18.0.62-almalinux9.qcow2",
		Description: "Südcloud's web hosting panel for its resellers' customers."}},
}

// Images adds the demo's images and shares them with the resellers.
func (s *Seeder) Images(ctx context.Context) error {
	if s.ImageService == nil {
		return nil
	}
	ctx = authz.System(ctx)
	entity := map[string]uuid.UUID{}
	for _, h := range []string{"nordhost", "suedcloud"} {
		be, err := s.Client.BillingEntity.Query().Where(billingentity.SignupHandle(h)).Only(ctx)
		if err != nil {
			return fmt.Errorf("demo images: reseller %s: %w", h, err)
		}
		entity[h] = be.ID
	}
	for _, d := range demoImages {
		var owner *uuid.UUID
		if d.owner != "" {
			be := entity[d.owner]
			owner = &be
		}
		img, err := s.ImageService.Create(ctx, owner, d.values)
		if err != nil {
			return fmt.Errorf("demo image %s: %w", d.values.Name, err)
		}
		if len(d.sharedTo) == 0 {
			continue
		}
		var to []uuid.UUID
		for _, h := range d.sharedTo {
			to = append(to, entity[h])
		}
		if _, err := s.ImageService.Share(ctx, img.ID, to); err != nil {
			return fmt.Errorf("share demo image %s: %w", d.values.Name, err)
		}
	}
	return nil
}
