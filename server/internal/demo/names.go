package demo

var companyNames = []string{
	"Nordlicht Medien", "Bergmann Logistik", "Elbtal Software", "Sonnenhof Reisen", "Kranich Consulting",
	"Rheinblick Immobilien", "Schwarzwald Outdoor", "Hanse Handel", "Isar Analytics", "Mainufer Design",
	"Lindenbaum Praxis", "Alpenglühen Tourismus", "Weserstahl Technik", "Ostseewind Energie", "Brandenburger Bau",
	"Spreewald Feinkost", "Neckar Robotics", "Harzer Holzwerk", "Moselwein Kellerei", "Bodensee Segelschule",
	"Eifel Druckhaus", "Taunus Finanzberatung", "Allgäuer Käserei", "Ruhrpott Kreativ", "Sauerland Sport",
	"Fichtelgebirge Glas", "Wattenmeer Reederei", "Zugspitz Bergführer", "Lüneburger Heide Honig", "Erzgebirge Spielwaren",
	"Frankenwald Brauerei", "Saale Stadtwerke Service", "Ammersee Architekten", "Chiemgau Apotheke", "Odenwald Tischlerei",
	"Vogelsberg Landtechnik", "Uckermark Solar", "Rhön Schafzucht", "Altmark Agrar", "Pfälzer Weinstube",
	"Kieler Werft Digital", "Dresdner Elbflorenz Events", "Leipziger Buchmesse Verlag", "Potsdamer Filmstudio", "Bremer Kaffeerösterei",
}

var legalForms = []string{"GmbH", "GmbH", "GmbH & Co. KG", "AG", "UG (haftungsbeschränkt)", "e.K.", "KG"}

type city struct{ name, postal string }

var cities = []city{
	{"Berlin", "10115"}, {"Hamburg", "20095"}, {"München", "80331"}, {"Köln", "50667"}, {"Frankfurt am Main", "60311"},
	{"Stuttgart", "70173"}, {"Düsseldorf", "40213"}, {"Leipzig", "04109"}, {"Dresden", "01067"}, {"Hannover", "30159"},
	{"Nürnberg", "90402"}, {"Bremen", "28195"}, {"Essen", "45127"}, {"Dortmund", "44135"}, {"Münster", "48143"},
	{"Freiburg im Breisgau", "79098"}, {"Heidelberg", "69117"}, {"Kiel", "24103"}, {"Rostock", "18055"}, {"Potsdam", "14467"},
}

var streets = []string{
	"Hauptstraße", "Bahnhofstraße", "Lindenallee", "Gartenweg", "Schillerstraße", "Goethestraße",
	"Friedrichstraße", "Kaiserstraße", "Am Marktplatz", "Am Hafen", "Mühlenweg", "Rosenstraße",
}

var firstNames = []string{
	"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Katharina", "Lukas",
	"Marie", "Niklas", "Paula", "Quirin", "Sophie", "Tobias", "Ulrike", "Valentin", "Wiebke", "Yannick", "Zoe", "Jörg",
}

var lastNames = []string{
	"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
	"Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann", "Krüger",
}

var workspaceNames = []string{"Production", "Staging", "Marketing", "Intranet", "Shop", "Entwicklung", "Buchhaltung"}
