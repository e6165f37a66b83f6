import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the images: the operating-system and application images
 * of the billing entities, and their sharing.
 */
export const images = dictionary({
  en: {
    "images.kind.OS": "Operating system",
    "images.kind.APPLICATION": "Application",
    "images.kind.UNSPECIFIED": "Unknown",

    // List
    "images.title": "Images",
    "images.description":
      "Operating-system and application images the platform installs servers and services from.",
    "images.descriptionReseller":
      "Your own images and those the platform operator shares with you.",
    "images.new": "New image…",
    "images.searchPlaceholder": "Search name, OS or version",
    "images.kindFilter": "Kind",
    "images.ownerFilter": "Owner",
    "images.sharedFilter": "Shared with",
    "images.col.name": "Name",
    "images.col.kind": "Kind",
    "images.col.version": "Version",
    "images.col.size": "Size",
    "images.col.owner": "Owner",
    "images.col.sharedWith": "Shared with",
    "images.col.source": "Source",
    "images.notShared": "Not shared",
    "images.sharedWithYou": "Shared with you",
    "images.count.one": "{count} image",
    "images.count.other": "{count} images",
    "images.count.showing": "{shown} of {count} images",
    "images.empty": "No image yet.",
    "images.emptyHint": "Add the images your servers and services are installed from.",

    // Page
    "images.notFound": "This image does not exist, or it is not shared with you.",
    "images.overview": "Overview",
    "images.edit": "Edit…",
    "images.delete": "Delete…",
    "images.deleteTitle": "Delete image",
    "images.deleteMessage":
      "Delete {name}? It is no longer offered, and every billing entity it is shared with loses it.",
    "images.deleteConfirm": "Delete image",
    "images.deleted": "The image was deleted.",
    "images.readOnly": "You can see this image but not change it.",
    "images.sharedNotice": "{owner} shares this image with you. Only its owner changes it.",

    // Fields
    "images.field.name": "Name",
    "images.field.nameHint": "What people call it, unique for its owner, e.g. Debian 12.",
    "images.field.kind": "Kind",
    "images.field.os": "Operating system",
    "images.field.osHint": "The operating system it is or runs on, e.g. Debian.",
    "images.field.version": "Version",
    "images.field.versionHint": "e.g. 12.7 or 29.0.4",
    "images.field.size": "Size",
    "images.field.sizeHint": "The image's size in MiB.",
    "images.field.source": "Source",
    "images.field.sourceHint":
      "An https URL or an OCI reference naming its registry, e.g. docker.io/library/nextcloud:29.",
    "images.field.description": "Description",
    "images.field.owner": "Owner",
    "images.field.ownerHint": "The billing entity the image belongs to.",
    "images.field.created": "Created",
    "images.field.updated": "Last changed",
    "images.sourceInvalid": "An https URL or an OCI reference such as docker.io/library/debian:12",
    "images.sizeInvalid": "A size above 0",

    // Form
    "images.newTitle": "New image",
    "images.editTitle": "Edit image",
    "images.create": "Create image",
    "images.created": "The image was created.",
    "images.updated": "The image was changed.",

    // Sharing
    "images.sharing": "Sharing",
    "images.sharingHint":
      "The staff of the billing entities it is shared with, and their customers, see this image.",
    "images.sharingNone": "This image is not shared with any billing entity.",
    "images.shareWith": "Share with",
    "images.shareWithPlaceholder": "Choose billing entities",
    "images.share": "Share",
    "images.shared": "The image is now shared with {names}.",
    "images.unshare": "Stop sharing",
    "images.unshareLabel": "Stop sharing with {name}",
    "images.unshared": "The image is no longer shared with {name}.",
    "images.sharedSince": "since {date}",
    "images.suspended": "{name} (suspended)",
  },
  de: {
    "images.kind.OS": "Betriebssystem",
    "images.kind.APPLICATION": "Anwendung",
    "images.kind.UNSPECIFIED": "Unbekannt",

    "images.title": "Images",
    "images.description":
      "Betriebssystem- und Anwendungs-Images, aus denen die Plattform Server und Dienste installiert.",
    "images.descriptionReseller":
      "Ihre eigenen Images und die, die der Plattformbetreiber für Sie freigibt.",
    "images.new": "Neues Image…",
    "images.searchPlaceholder": "Name, Betriebssystem oder Version suchen",
    "images.kindFilter": "Art",
    "images.ownerFilter": "Eigentümer",
    "images.sharedFilter": "Freigegeben für",
    "images.col.name": "Name",
    "images.col.kind": "Art",
    "images.col.version": "Version",
    "images.col.size": "Größe",
    "images.col.owner": "Eigentümer",
    "images.col.sharedWith": "Freigegeben für",
    "images.col.source": "Quelle",
    "images.notShared": "Nicht freigegeben",
    "images.sharedWithYou": "Für Sie freigegeben",
    "images.count.one": "{count} Image",
    "images.count.other": "{count} Images",
    "images.count.showing": "{shown} von {count} Images",
    "images.empty": "Noch kein Image.",
    "images.emptyHint":
      "Legen Sie die Images an, aus denen Ihre Server und Dienste installiert werden.",

    "images.notFound": "Dieses Image gibt es nicht, oder es ist nicht für Sie freigegeben.",
    "images.overview": "Überblick",
    "images.edit": "Bearbeiten…",
    "images.delete": "Löschen…",
    "images.deleteTitle": "Image löschen",
    "images.deleteMessage":
      "{name} löschen? Es wird nicht mehr angeboten, und alle Abrechnungseinheiten, für die es freigegeben ist, verlieren es.",
    "images.deleteConfirm": "Image löschen",
    "images.deleted": "Das Image wurde gelöscht.",
    "images.readOnly": "Sie sehen dieses Image, können es aber nicht ändern.",
    "images.sharedNotice": "{owner} gibt dieses Image für Sie frei. Nur der Eigentümer ändert es.",

    "images.field.name": "Name",
    "images.field.nameHint": "Wie es genannt wird, eindeutig je Eigentümer, z. B. Debian 12.",
    "images.field.kind": "Art",
    "images.field.os": "Betriebssystem",
    "images.field.osHint": "Das Betriebssystem, das es ist oder auf dem es läuft, z. B. Debian.",
    "images.field.version": "Version",
    "images.field.versionHint": "z. B. 12.7 oder 29.0.4",
    "images.field.size": "Größe",
    "images.field.sizeHint": "Die Größe des Images in MiB.",
    "images.field.source": "Quelle",
    "images.field.sourceHint":
      "Eine https-URL oder eine OCI-Referenz mit ihrer Registry, z. B. docker.io/library/nextcloud:29.",
    "images.field.description": "Beschreibung",
    "images.field.owner": "Eigentümer",
    "images.field.ownerHint": "Die Abrechnungseinheit, der das Image gehört.",
    "images.field.created": "Angelegt",
    "images.field.updated": "Zuletzt geändert",
    "images.sourceInvalid": "Eine https-URL oder eine OCI-Referenz wie docker.io/library/debian:12",
    "images.sizeInvalid": "Eine Größe über 0",

    "images.newTitle": "Neues Image",
    "images.editTitle": "Image bearbeiten",
    "images.create": "Image anlegen",
    "images.created": "Das Image wurde angelegt.",
    "images.updated": "Das Image wurde geändert.",

    "images.sharing": "Freigabe",
    "images.sharingHint":
      "Die Mitarbeitenden der Abrechnungseinheiten, für die es freigegeben ist, und deren Kunden sehen dieses Image.",
    "images.sharingNone": "Dieses Image ist für keine Abrechnungseinheit freigegeben.",
    "images.shareWith": "Freigeben für",
    "images.shareWithPlaceholder": "Abrechnungseinheiten wählen",
    "images.share": "Freigeben",
    "images.shared": "Das Image ist jetzt für {names} freigegeben.",
    "images.unshare": "Freigabe aufheben",
    "images.unshareLabel": "Freigabe für {name} aufheben",
    "images.unshared": "Das Image ist nicht mehr für {name} freigegeben.",
    "images.sharedSince": "seit {date}",
    "images.suspended": "{name} (gesperrt)",
  },
});
