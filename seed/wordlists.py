"""Word lists and templates that title names and synopses are built from.

Plain data, grouped by *tone* (see :attr:`GenreSpec.tone`) and by genre. Placeholders in
curly braces are filled by :mod:`netflix_sim.seed.naming`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TitleWords:
    """The words one tone builds title names from."""

    templates: tuple[tuple[str, float], ...]
    """Name templates with their weights."""
    adjectives: tuple[str, ...]
    nouns: tuple[str, ...]
    singles: tuple[str, ...]
    """Words that make a title on their own."""
    groups: tuple[str, ...]
    """Plural nouns for "Sisters of the Dust"."""
    places: tuple[str, ...]
    """What a group belongs to: "the Dust", "Hollow Creek"."""
    times: tuple[str, ...]
    """Openers of "Midnight in Verona"."""


CITIES: tuple[str, ...] = (
    "Verona", "Lisbon", "Tangier", "Oslo", "Havana", "Marseille", "Kyoto", "Naples",
    "Istanbul", "Prague", "Seville", "Bruges", "Tbilisi", "Valparaiso", "Reykjavik", "Palermo",
    "Cairo", "Montreal", "Bombay", "Shanghai", "Berlin", "Vienna", "Dublin", "Glasgow",
    "Budapest", "Buenos Aires", "Cape Town", "Casablanca", "Hong Kong", "Macau", "Manila",
    "Mexico City", "New Orleans", "Chicago", "Detroit", "Memphis", "Santa Fe", "Tokyo", "Seoul",
    "Lagos", "Nairobi", "Rio", "Sicily", "Provence", "Tuscany", "Paris", "Rome", "London",
    "Brooklyn", "Harlem", "Miami", "Vegas", "Alaska", "Montana", "Texas", "Brighton",
    "Copenhagen", "Stockholm", "Helsinki", "Athens", "Malta", "Monaco", "Lyon", "Porto",
)
"""Real places named in titles and synopses."""

_DARK = TitleWords(
    templates=(
        ("The {adj} {noun}", 4), ("{adj} {noun}", 3), ("{single}", 2.5), ("The {single}", 1),
        ("{group} of the {place}", 1.2), ("{time} in {city}", 1.2), ("The {noun} of {city}", 0.8),
        ("{adj} {single}", 0.8), ("The {city} {noun}", 0.6), ("Death in {city}", 0.3),
    ),
    adjectives=(
        "Silent", "Hollow", "Crimson", "Black", "Broken", "Hidden", "Cold", "Last", "Burning",
        "Bitter", "Buried", "Fallen", "Pale", "Sleepless", "Shattered", "Quiet", "Deep", "Red",
        "Frozen", "Blind", "Twisted", "Nameless", "Wicked", "Missing", "Drowned", "Forgotten",
        "Vanishing", "Dead", "Secret", "Perfect", "Unseen", "Severed", "Lonely", "Grey",
        "Sinister", "Restless", "Stolen", "Empty", "Cruel", "Final",
    ),
    nouns=(
        "Harbor", "Protocol", "Witness", "Confession", "Hour", "Ledger", "Room", "Signal",
        "Verdict", "Alibi", "Tide", "Orchard", "Vault", "Crossing", "Trail", "Motive", "Debt",
        "Cellar", "Lantern", "Canal", "Hotel", "Marsh", "Silence", "Mirror", "Cipher", "Ritual",
        "Well", "Passenger", "Stranger", "Inheritance", "Guest", "Floor", "Key", "Lake",
        "Bridge", "Road", "Window", "Door", "Doll", "Tape", "Game", "Lie", "Affair", "Line",
        "Girl", "Man", "Widow", "Informant", "Sister", "Tenant",
    ),
    singles=(
        "Undertow", "Blackout", "Fracture", "Nightfall", "Deadlock", "Sleeper", "Descent",
        "Ashes", "Remnant", "Hush", "Vanish", "Sinner", "Wolfsbane", "Hinterland", "Coldwater",
        "Tripwire", "Bloodline", "Afterglow", "Static", "Exposure", "Prey", "Hollowmere",
        "Insomnia", "Crosshair", "Ransom", "Vendetta", "Malice", "Relic", "Stillwater",
        "Revenant", "Marrow", "Burnt", "Gaslight", "Kingpin", "Outfall", "Veil",
    ),
    groups=(
        "Sisters", "Sons", "Daughters", "Children", "Keepers", "Ghosts", "Kings", "Thieves",
        "Saints", "Wolves", "Widows", "Brothers", "Witnesses", "Sinners", "Strangers", "Dead",
    ),
    places=(
        "Dust", "Tide", "North", "River", "Storm", "Night", "Valley", "Moon", "Deep", "Marsh",
        "Fog", "Cold", "Quarry", "Mill", "Lighthouse", "Shore", "Hills", "Pines",
    ),
    times=("Midnight", "Murder", "Blood", "Winter", "Night", "Sunday", "Smoke", "Rain",
           "Silence", "Vengeance"),
)

_DRAMA = TitleWords(
    templates=(
        ("The {adj} {noun}", 3.5), ("{adj} {noun}", 2.5), ("{single}", 2),
        ("{group} of the {place}", 1.5), ("{time} in {city}", 1.5), ("The {noun}", 1),
        ("{first}'s {noun}", 0.7), ("The {noun}s of {city}", 0.6), ("All the {adj} {noun}s", 0.5),
    ),
    adjectives=(
        "Still", "Ordinary", "Long", "Beautiful", "Quiet", "Small", "Borrowed", "Second",
        "Distant", "Gentle", "Last", "Golden", "Bright", "Open", "Fading", "Faithful",
        "Wandering", "Unfinished", "Lost", "Wide", "Tender", "Late", "Narrow", "Paper",
        "Other", "First", "Hidden", "Silver", "Green", "Broken", "Honest", "Wild",
    ),
    nouns=(
        "Years", "House", "River", "Season", "Promise", "Inheritance", "Light", "Field",
        "Harvest", "Shore", "Country", "Winter", "Summer", "Letter", "Garden", "Bridge",
        "Road", "Song", "Story", "Life", "Daughter", "Son", "Wife", "Teacher", "Mountain",
        "Hours", "Days", "Table", "Kitchen", "Orchard", "Farm", "Coast", "Silence",
        "Truth", "Choir", "Horizon", "Names", "Tides", "Heart",
    ),
    singles=(
        "Homecoming", "Tidewater", "Inheritance", "Providence", "Exile", "Evergreen", "Heartland",
        "Undertow", "Grace", "Mercy", "Wildflower", "Driftwood", "Harbour Lights", "Kin",
        "Belonging", "Legacy", "Reckoning", "Unspoken", "Afterlife", "Sanctuary", "Saltwater",
        "Crossroads", "Lowlands", "Aftermath",
    ),
    groups=(
        "Sisters", "Daughters", "Sons", "Children", "Keepers", "Brothers", "Mothers",
        "Fathers", "Heirs", "Orphans", "Wives", "Saints",
    ),
    places=(
        "Dust", "River", "Valley", "Sea", "Harvest", "Coast", "Plains", "Orchard", "Mill",
        "Mountain", "Marsh", "Vineyard", "North", "Delta",
    ),
    times=("Summer", "Winter", "Autumn", "A Week", "Sunday", "Spring", "Years", "Nights",
           "Letters", "A Year"),
)

_LIGHT = TitleWords(
    templates=(
        ("The {adj} {noun}", 3), ("{adj} {noun}", 2.5), ("{time} in {city}", 1.8),
        ("{first}'s {noun}", 1.5), ("{single}", 1.5), ("My {adj} {noun}", 1),
        ("The {noun} Next Door", 0.6), ("Love, {city}", 0.5), ("{first} & {first2}", 0.8),
        ("Falling for {first}", 0.5),
    ),
    adjectives=(
        "Sweet", "Little", "Lucky", "Perfect", "Happy", "Wild", "Golden", "Crazy", "Big",
        "Summer", "Accidental", "Unexpected", "Sunny", "Royal", "Second", "Last-Minute",
        "Fake", "Totally Normal", "Secret", "Awkward", "Best", "Wonderful", "Hopeless", "Modern",
        "Holiday", "Runaway", "Overdue", "Glorious", "Very Bad", "Fabulous",
    ),
    nouns=(
        "Wedding", "Weekend", "Bakery", "Roommates", "Holiday", "Affair", "Garden", "Neighbors",
        "Road Trip", "Crush", "Reunion", "Bride", "Date", "Getaway", "Vacation", "Proposal",
        "Boss", "Family", "Christmas", "Valentine", "Roommate", "Honeymoon", "Inn", "Diner",
        "Vineyard", "Matchmaker", "Plan", "Summer", "Ex", "Party", "Chef", "Bookshop",
    ),
    singles=(
        "Matchmakers", "Sweethearts", "Roomies", "Meet Cute", "Plus One", "Second Chances",
        "Blind Date", "Heartbreakers", "Sunnyside", "Off Script", "Big Mouth", "Misfits",
        "Happily Ever After", "Starstruck", "Lovebirds", "Oddballs", "Neighbours",
        "Wingmen", "Suddenly Single", "Family Business",
    ),
    groups=("Brides", "Sisters", "Neighbors", "Roommates", "Bachelors", "Cousins"),
    places=("Vineyard", "Island", "Lake", "Coast", "Inn", "Bakery"),
    times=("Summer", "Christmas", "Love", "A Week", "Midnight", "Weekend", "Spring", "Sundays",
           "Mornings", "Lost"),
)

_EPIC = TitleWords(
    templates=(
        ("The {adj} {noun}", 3), ("{adj} {noun}", 3), ("{single}", 2.5),
        ("{group} of the {place}", 1.5), ("The {noun} of {city}", 0.5), ("{noun} Rising", 0.6),
        ("{adj} {single}", 0.6), ("Beyond the {noun}", 0.8), ("The Last {noun}", 0.8),
    ),
    adjectives=(
        "Iron", "Final", "Rising", "Outer", "Eternal", "Savage", "Steel", "Lone", "Burning",
        "Distant", "Ancient", "Shadow", "Star", "Wild", "Red", "Black", "Silver", "Infinite",
        "Fallen", "Forgotten", "Crimson", "Frozen", "Golden", "Thunder", "Hollow", "Broken",
        "Dead", "Lost", "Last", "Seventh", "Dark", "High",
    ),
    nouns=(
        "Frontier", "Horizon", "Protocol", "Empire", "Legion", "Gambit", "Storm", "Citadel",
        "Outpost", "Orbit", "Dominion", "Crown", "Blade", "Rider", "Mesa", "Canyon", "Signal",
        "Colony", "Kingdom", "Sky", "Sun", "Machine", "Throne", "Gate", "Code", "Fleet",
        "Reckoning", "Pursuit", "Ridge", "Trail", "Hunt", "Sector", "Vanguard", "Mission",
        "Station", "Tower", "Ashes", "Outlaw", "Saddle", "Dawn",
    ),
    singles=(
        "Afterburn", "Starfall", "Ironclad", "Overdrive", "Exodus", "Gunsmoke", "Wasteland",
        "Paragon", "Helix", "Eclipse", "Singularity", "Meridian", "Dragonfire", "Rampart",
        "Parallax", "Interceptor", "Badlands", "Redemption", "Tombstone", "Sundown", "Nova",
        "Zenith", "Stormbringer", "Breakpoint", "Firewall", "Longhorn", "Outrider", "Valhalla",
    ),
    groups=(
        "Riders", "Kings", "Lords", "Guardians", "Knights", "Children", "Hunters", "Sons",
        "Wolves", "Outlaws", "Keepers", "Heirs",
    ),
    places=(
        "Storm", "North", "Stars", "Void", "Sun", "Realm", "Crown", "Frontier", "Mountain",
        "Plains", "Iron Sea", "Ashlands", "West", "Deep",
    ),
    times=("Midnight", "Zero Hour", "Sundown", "Dawn", "Storm", "Night", "Fire", "War",
           "Thunder", "Ghosts"),
)

_KIDS = TitleWords(
    templates=(
        ("{first} and the {adj} {noun}", 2.5), ("The {adj} {noun}", 2.5),
        ("{first}'s {noun}", 2), ("{single}", 1.5), ("The {noun} Who Saved {place}", 0.8),
        ("{adj} {noun}s", 1), ("Little {noun}", 0.8), ("The Great {noun} Adventure", 0.8),
    ),
    adjectives=(
        "Magic", "Brave", "Tiny", "Secret", "Amazing", "Sleepy", "Flying", "Giant", "Little",
        "Clever", "Wonderful", "Silly", "Lost", "Super", "Rainbow", "Curious", "Dancing",
        "Marvelous", "Mighty", "Cosmic", "Happy", "Jolly", "Wild", "Sparkly",
    ),
    nouns=(
        "Dragon", "Kingdom", "Treehouse", "Robot", "Unicorn", "Penguin", "Pirate", "Forest",
        "Castle", "Rocket", "Puppy", "Kitten", "Dinosaur", "Submarine", "Garden", "Zoo",
        "Balloon", "Bear", "Fox", "Owl", "Train", "Lighthouse", "Monster", "Wizard", "Island",
        "Bus", "Snowman", "Bakery", "Circus", "Moon",
    ),
    singles=(
        "Puddle Jumpers", "Sprocket", "Moonbeam", "Tumbleweeds", "Snugglepaws", "Whizbang",
        "Zoomers", "Pip and Posy", "Bumblebee Lane", "Starseekers", "Wigglebottom",
        "Bubbletown", "Mighty Mites", "Cloudhoppers", "Marshmallow Sky",
    ),
    groups=("Friends", "Pals", "Explorers", "Rangers", "Pirates", "Cubs"),
    places=("Pumpkin Valley", "Maple Hollow", "Puddleton", "the Big City", "Cloud Nine",
            "Sunny Bay", "the North Pole", "Hickory Hill", "Toyland", "Tumble Town"),
    times=("Christmas", "Summer", "Bedtime", "Holiday", "Spring", "Snow Day"),
)

_DOCU = TitleWords(
    templates=(
        ("Inside the {noun}", 1.5), ("The {noun} Files", 1), ("{adj} {noun}", 2),
        ("Chasing the {noun}", 1), ("{city}: {single}", 1.2), ("Our {adj} {noun}", 1),
        ("The Last {noun}", 1), ("{single}", 1.5), ("Searching for {first}", 0.6),
        ("The {first} {last} Story", 0.8), ("Who Killed {first} {last}?", 0.6),
    ),
    adjectives=(
        "Wild", "Hidden", "Secret", "Living", "Frozen", "Blue", "Deep", "Untold", "Lost",
        "Perfect", "Great", "Dangerous", "Fragile", "Forgotten", "Endless", "Impossible",
        "Extraordinary", "Last", "Rising", "Broken", "Big", "Tiny",
    ),
    nouns=(
        "Planet", "Ocean", "Kingdom", "Empire", "Game", "Heist", "Cult", "Summit", "Race",
        "Season", "Machine", "Trial", "Scandal", "Dynasty", "Rainforest", "Coast", "Reef",
        "Frontier", "Kitchen", "Orchestra", "Pitch", "Road", "Desert", "Mind", "Revolution",
        "Wolves", "Crown", "Market", "Stage", "Storm",
    ),
    singles=(
        "The Untold Story", "Rise and Fall", "Behind the Music", "Ground Zero", "Free Solo",
        "The Long Game", "Unbreakable", "Cold Case", "Making History", "Below Deck",
        "Wild Hearts", "Fast Lane", "The Reckoning", "Full Swing", "Breaking Point",
    ),
    groups=("Kings", "Champions", "Queens", "Rebels", "Legends"),
    places=("Desert", "Ocean", "Arctic", "Court", "Ring", "Stage"),
    times=("Summer", "Winter", "Night", "Year"),
)

_REALITY = TitleWords(
    templates=(
        ("{adj} {noun}", 2), ("The Great {noun} Off", 1),
        ("{noun} Wars", 1.2), ("Selling {city}", 1), ("{single}", 1.5),
        ("Too Hot to {verb}", 0.5), ("{city} Nights", 0.8), ("Love on the {place}", 0.8),
    ),
    adjectives=(
        "Bling", "Hot", "Glam", "Big", "Fabulous", "Extreme", "Ultimate", "Island", "Real",
        "Tiny", "Dream", "Wild", "Sweet", "Rich", "Secret", "Perfect", "Flip", "Love",
    ),
    nouns=(
        "Cake", "Kitchen", "House", "Makeover", "Bride", "Race", "Villa", "Empire", "Wedding",
        "Garden", "Tattoo", "Ranch", "Yacht", "Prom", "Pageant", "Salon", "Pottery", "Flower",
    ),
    singles=(
        "Love Is Blind", "Nailed It", "Queer Eye", "Glow Up", "The Circle", "Too Hot",
        "Blown Away", "Dream Home", "Perfect Match", "Islanders", "Sing On", "Rhythm + Flow",
        "Bake Squad", "The Ultimatum", "Floor Is Lava",
    ),
    groups=("Wives", "Singles", "Brides"),
    places=("Island", "Villa", "Ranch", "Spectrum", "Yacht", "Farm", "Slopes"),
    times=("Summer", "Love", "Christmas"),
)

TITLE_WORDS: dict[str, TitleWords] = {
    "dark": _DARK,
    "drama": _DRAMA,
    "light": _LIGHT,
    "epic": _EPIC,
    "kids": _KIDS,
    "docu": _DOCU,
    "reality": _REALITY,
}
"""Title word pools by tone."""

REALITY_VERBS: tuple[str, ...] = ("Handle", "Stop", "Date", "Win", "Resist", "Forget")
"""Verbs for the reality template "Too Hot to {verb}"."""

# --- synopses -----------------------------------------------------------------------------

ROLES: dict[str, tuple[str, ...]] = {
    "Drama": ("widowed farmer", "young teacher", "struggling musician", "retired surgeon",
              "single mother", "estranged son", "ambitious lawyer", "aging boxer", "nurse",
              "small-town pastor", "grieving father", "gifted pianist", "factory worker"),
    "Comedy": ("hapless wedding planner", "out-of-work actor", "neurotic chef",
               "overconfident intern", "stay-at-home dad", "failed magician",
               "reluctant bridesmaid", "substitute teacher", "mild-mannered accountant",
               "washed-up rock star", "over-organized mom"),
    "Thriller": ("disgraced detective", "burned-out journalist", "former spy", "night nurse",
                 "ambitious prosecutor", "security analyst", "grieving widow",
                 "crime-scene photographer", "hostage negotiator", "ex-soldier"),
    "Action & Adventure": ("ex-special forces operative", "retired getaway driver",
                           "rookie pilot", "treasure hunter", "bodyguard", "smuggler",
                           "mercenary", "stunt double", "bounty hunter", "park ranger"),
    "Sci-Fi": ("astronaut", "rogue engineer", "android", "quantum physicist", "colony medic",
               "hacker", "time-displaced soldier", "mission commander", "cargo pilot",
               "young cadet"),
    "Fantasy": ("reluctant heir", "apprentice witch", "exiled prince", "young blacksmith",
                "cursed knight", "thief with a secret", "last dragon rider", "healer",
                "orphaned sorceress"),
    "Horror": ("young family", "night-shift nurse", "paranormal investigator",
               "grieving mother", "college student", "lighthouse keeper", "new tenant",
               "priest", "babysitter"),
    "Romance": ("hopeless romantic", "jaded divorce lawyer", "florist", "travel writer",
                "struggling artist", "wedding photographer", "single dad",
                "ambitious architect", "runaway bride", "bookshop owner"),
    "Crime": ("small-time hustler", "veteran cop", "forensic accountant", "mob lawyer",
              "getaway driver", "undercover agent", "crime boss's daughter", "pickpocket",
              "public defender", "money launderer"),
    "Documentary": ("filmmaker", "scientist", "chef", "athlete", "investigative reporter",
                    "wildlife biologist", "musician", "climber", "former insider"),
    "Kids & Family": ("curious young fox", "brave little robot", "shy dragon",
                      "spirited young girl", "clumsy penguin", "inventive boy",
                      "talking puppy", "tiny mouse", "young wizard", "lost teddy bear"),
    "Western": ("weary gunslinger", "frontier marshal", "rancher's widow", "bounty hunter",
                "drifter", "outlaw", "homesteader", "stagecoach driver", "retired sheriff"),
    "Mystery": ("amateur sleuth", "retired inspector", "crime novelist",
                "true-crime podcaster", "small-town sheriff", "insurance investigator",
                "forensic pathologist", "private eye"),
    "Reality": ("contestant", "couple", "designer", "home cook", "realtor", "single",
                "baker", "stylist"),
}
"""The protagonist's description, by main genre."""

THINGS: dict[str, tuple[str, ...]] = {
    "Drama": ("a box of old letters", "a long-buried family secret", "an unexpected inheritance",
              "a diagnosis that changes everything", "a stranger claiming to be kin",
              "the failing family farm", "a second chance at a lost dream"),
    "Comedy": ("a winning lottery ticket", "a wedding invitation from an ex",
               "a viral video", "a stolen goat", "an inheritance with strings attached",
               "a fake engagement", "a cursed family recipe"),
    "Thriller": ("a coded message", "a body in the lake", "a missing hard drive",
                 "a stranger's confession", "a photograph that should not exist",
                 "a dead man's phone", "a wrong-number call"),
    "Action & Adventure": ("a stolen warhead", "a map to a lost city", "a kidnapped scientist",
                           "a billion-dollar heist", "a rogue general's plan",
                           "a cartel's ledger", "a hijacked train"),
    "Sci-Fi": ("a signal from deep space", "a machine that sees the future",
               "a dying sun", "a rift in time", "an alien artifact", "a colony gone silent",
               "a copy of themselves"),
    "Fantasy": ("an ancient prophecy", "a sword that chooses its bearer", "a door to another realm",
                "a dragon's egg", "a curse on the royal line", "a forgotten god",
                "a map drawn in starlight"),
    "Horror": ("a house that remembers", "a doll in the attic", "whispers in the walls",
               "an old VHS tape", "a ritual gone wrong", "something in the woods",
               "a child's imaginary friend"),
    "Romance": ("a misdelivered letter", "a summer rental mix-up", "a rival bakery",
                "a fake relationship", "a lost wedding ring", "a second-hand diary",
                "a stranded flight"),
    "Crime": ("a suitcase of cartel cash", "a botched robbery", "a dirty cop's ledger",
              "a witness nobody believes", "a counterfeit empire", "a double-cross",
              "a murder on the waterfront"),
    "Documentary": ("an extraordinary comeback", "a financial scandal", "a vanishing species",
                    "a legendary rivalry", "an unsolved disappearance", "a culinary revolution",
                    "the race to the summit"),
    "Kids & Family": ("a magic acorn", "a map to the moon", "a runaway balloon",
                      "a talking snowman", "a lost dinosaur egg", "a secret treehouse",
                      "a wishing well"),
    "Western": ("a stolen herd", "a gold claim", "a railroad baron's land grab",
                "a wanted poster", "a stagecoach robbery", "a dying town",
                "an old debt of honor"),
    "Mystery": ("a locked-room murder", "a missing heiress", "a poisoned cup of tea",
                "an anonymous letter", "a vanished manuscript", "a decades-old cold case",
                "a body on the beach"),
    "Reality": ("a dream home", "the ultimate prize", "love", "a cash prize",
                "a week on a private island", "a spot in the finale"),
}
"""What sets each genre's story going."""

PREMISES: dict[str, tuple[str, ...]] = {
    "Drama": (
        "When {a_role} in {city} discovers {thing}, the past comes back to claim its due.",
        "{name}, {a_role} in {town}, must choose between family and freedom after {thing} "
        "turns up.",
        "Three generations of the {last} family gather in {town} as {thing} threatens to "
        "tear them apart.",
        "After years away, {name} returns to {town} to face {thing}.",
    ),
    "Comedy": (
        "When {a_role} stumbles onto {thing}, a quiet life in {town} turns into total chaos.",
        "{name}, {a_role}, has one week to fix everything after {thing} goes wrong.",
        "{a_role_cap} and a hopelessly mismatched crew chase {thing} across {city}.",
        "Nothing goes to plan for {name} {last}, {a_role}, once {thing} lands on the "
        "doorstep.",
    ),
    "Thriller": (
        "When {a_role} in {city} finds {thing}, every lead points back to someone close.",
        "{name} {last}, {a_role}, has 48 hours to decode {thing} before a killer strikes "
        "again.",
        "A routine case in {town} unravels when {a_role} uncovers {thing}.",
        "Haunted by the past, {a_role} is pulled into a deadly game by {thing}.",
    ),
    "Action & Adventure": (
        "{a_role_cap} is pulled back for one last job: recover {thing} before it reaches "
        "the wrong hands.",
        "From {city} to {city2}, {name} {last}, {a_role}, races to stop {thing}.",
        "When {thing} puts millions at risk, {a_role} with nothing to lose goes rogue.",
    ),
    "Sci-Fi": (
        "When {a_role} intercepts {thing}, humanity's future hangs on a single choice.",
        "Aboard a failing station, {a_role} named {name} must confront {thing}.",
        "In a near-future {city}, {a_role} discovers {thing} and learns the truth about home.",
    ),
    "Fantasy": (
        "{a_role_cap} sets out on a perilous quest when {thing} awakens.",
        "In a realm at war, {name}, {a_role}, is the only one who can unlock {thing}.",
        "When {thing} resurfaces, {a_role} and an unlikely band of allies must save the "
        "kingdom.",
    ),
    "Horror": (
        "When {a_role} moves to {town}, {thing} begins to stir.",
        "{name} {last} thought the new house was a fresh start. Then came {thing}.",
        "A weekend in a remote cabin turns deadly when {a_role} awakens {thing}.",
    ),
    "Romance": (
        "{a_role_cap} in {city} falls for the last person expected after {thing}.",
        "{name} and {name2} can't stand each other, until {thing} forces them to share a "
        "summer in {city}.",
        "A chance meeting in {city} and {thing} give {a_role} a second chance at love.",
    ),
    "Crime": (
        "In the back streets of {city}, {a_role} gets in too deep after {thing}.",
        "{name} {last}, {a_role}, builds an empire on {thing}, and the law is closing in.",
        "When {thing} goes missing, {a_role} in {town} has to pick a side.",
    ),
    "Documentary": (
        "This documentary follows {a_role} in {city} through {thing}.",
        "Told by those who lived it, the story of {thing} that shook {city}.",
        "Rare footage and candid interviews reveal the truth behind {thing}.",
        "{name} {last}, {a_job}, opens up about {thing} in this intimate portrait.",
    ),
    "Kids & Family": (
        "When {a_role} named {name} finds {thing}, a big adventure begins.",
        "{name} and friends learn about teamwork while searching for {thing}.",
        "{a_role_cap} sets off from {place} to return {thing} before bedtime.",
    ),
    "Western": (
        "{a_role_cap} rides into {town} and finds {thing} waiting.",
        "On the edge of the frontier, {name} {last}, {a_role}, stands alone against {thing}.",
        "After {thing}, {a_role} hunts the men who left the town to burn.",
    ),
    "Mystery": (
        "When {a_role} in {town} is called to {thing}, nobody is who they seem.",
        "{name} {last}, {a_role}, reopens {thing} and stirs up the whole of {town}.",
        "A quiet holiday in {city} ends when {a_role} stumbles onto {thing}.",
    ),
    "Reality": (
        "Twelve singles move into a villa in {city}, hoping to find {thing}.",
        "Talented home bakers compete for {thing} in this deliciously chaotic contest.",
        "Top realtors in {city} juggle rivalries, million-dollar listings and {thing}.",
        "Couples put their love to the test for {thing}.",
    ),
}
"""First sentence of a synopsis, by main genre."""

FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "dark": (
        "Trust no one.", "Some secrets refuse to stay buried.",
        "The closer {name} gets to the truth, the more dangerous it becomes.",
        "Everyone in {town} is hiding something.", "The past is never really over.",
        "An ally from {city} may be the biggest threat of all.",
    ),
    "drama": (
        "Old wounds reopen and loyalties are tested.",
        "What follows will change the family forever.",
        "A quietly powerful story about second chances.",
        "{name} learns that home is more than a place.",
        "Based on the acclaimed novel by {first} {last}.",
    ),
    "light": (
        "What could possibly go wrong?", "Love was never part of the plan.",
        "Chaos, it turns out, runs in the family.",
        "With help from an eccentric {job}, {name} might just pull it off.",
        "Hearts will be broken. Cakes will be eaten.",
    ),
    "epic": (
        "The fate of millions rests on a single choice.", "Alliances will be tested.",
        "Nothing will ever be the same.", "Only one side will survive.",
        "{name} must become the hero no one expected.",
    ),
    "kids": (
        "Friendship is the greatest magic of all.", "Along the way, everyone learns to be brave.",
        "Songs, giggles and surprises await.", "A heartwarming adventure for the whole family.",
    ),
    "docu": (
        "Featuring never-before-seen footage.", "Directed by {first} {last}.",
        "The answers are stranger than fiction.",
        "A portrait of obsession, genius and the price of success.",
    ),
    "reality": (
        "Drama is always on the menu.", "Tears, tantrums and surprise twists ensue.",
        "Only one will take home the prize.", "Hosted by {first} {last}.",
    ),
}
"""Second and third sentences, by tone."""
