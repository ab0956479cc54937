#!/usr/bin/env python3
"""Builds demo/corpus.jsonl: fictional outlets and events, written for Parallax's offline demo.

Every article is composed from a story's facts and quotes, so outlets differ in what a careful
reader can check: which facts they carry or omit, whom they quote, their headline and lede, and
wire copies (verbatim, with a credit line) and rewrites of the wire piece.
Run: python3 apps/cli/demo/build-corpus.py > apps/cli/demo/corpus.jsonl
"""
import json

WIRE = "Capital Wire Service"
STORIES = [
  dict(key="dam", date="2026-03-02", facts=[
    "The Corran Valley reservoir dam will be raised by four metres under a plan approved on Monday by the regional council of Estmark.",
    "The project is expected to cost 310 million crowns and take three years.",
    "Engineers say the higher wall would store enough water for two dry summers.",
    "About 140 households in the village of Lower Corran would have to be relocated.",
    "The council vote passed 23 to 18 after a four-hour debate.",
    "An environmental review found that the project would flood 90 hectares of protected wetland.",
  ], quotes=dict(
    off='"Two droughts in five years have shown that we cannot wait," said council leader Henrik Aalto.',
    opp='"Families who have farmed this valley for generations are being pushed out for a concrete wall," said opposition councillor Liv Marstrand.',
    cit='"Nobody has told us where we are supposed to go," said Agnes Holm, 71, who has lived in Lower Corran all her life.',
  ), pieces=[
    (WIRE, "Estmark council approves plan to raise Corran Valley dam", None, [0,1,2,3,4], ["off","opp"], 9),
    ("Ironbridge Herald", "Council finally acts on water security with Corran dam upgrade", "Estmark's regional council has approved a long-awaited plan to secure the region's water supply by raising the Corran Valley dam.", [1,2,4], ["off"], 11),
    ("Coastline Daily", "140 families face eviction as Corran dam plan clears council", "Around 140 households in Lower Corran face losing their homes after Estmark's regional council narrowly voted to raise the Corran Valley dam.", [5,0,4,1], ["opp","cit"], 12),
    ("copy:Northgate Tribune", 13),
  ]),
  dict(key="rail", date="2026-03-03", facts=[
    "Train drivers on the Halvard national railway will strike for 48 hours from Thursday, their union announced on Tuesday.",
    "The union is demanding a 9 percent pay rise; Halvard Rail has offered 4 percent.",
    "About 600,000 passengers use the network on a normal weekday.",
    "Halvard Rail said it would run a reduced timetable of roughly one train in five.",
    "It is the third strike on the network since October.",
    "Drivers' real wages have fallen by 11 percent since 2022, according to the union's own figures.",
  ], quotes=dict(
    off='"This strike will cause misery for hundreds of thousands of people who have done nothing wrong," said Halvard Rail chief executive Oskar Brenner.',
    opp='"Our members have taken a pay cut in real terms for four years running. Enough is enough," said union general secretary Dana Kovac.',
    cit='"I will lose two days of wages because I cannot get to the warehouse," said commuter Piet Jansen.',
  ), pieces=[
    (WIRE, "Halvard train drivers call 48-hour strike over pay", None, [0,1,2,3], ["off","opp"], 8),
    ("Frontier Standard", "Commuters held hostage again as rail union calls third strike", "Hundreds of thousands of commuters face two more days of chaos after train drivers' union leaders called yet another strike on the Halvard network.", [4,2,3], ["off","cit"], 10),
    ("The Lantern", "Rail drivers strike after four years of falling real pay", "Train drivers on the Halvard railway will walk out for 48 hours from Thursday after years in which their real wages have fallen sharply.", [5,1,0], ["opp"], 10),
    ("rewrite:Meridian Post", "Halvard rail drivers to strike for 48 hours as pay talks fail", "Halvard's train drivers will stop work for 48 hours starting Thursday, their union said on Tuesday, after pay talks with Halvard Rail broke down. The union wants a rise of 9 percent, while the operator has put 4 percent on the table. Around 600,000 people ride the network on an ordinary weekday, and the operator plans to run about a fifth of its usual trains. Chief executive Oskar Brenner said the walkout would cause misery for hundreds of thousands of passengers. Union leader Dana Kovac said drivers had seen their pay shrink in real terms for four years in a row.", 14),
  ]),
  dict(key="vaccine", date="2026-03-04", facts=[
    "The Estmark health ministry will offer a free measles booster to all children aged four to eleven from April.",
    "The decision follows an outbreak of 212 measles cases in the port city of Saltvik since January.",
    "Twenty-three children have been admitted to hospital; none has died.",
    "Vaccination coverage in Saltvik has fallen to 84 percent, below the 95 percent needed to stop outbreaks.",
    "The campaign will cost an estimated 18 million crowns.",
    "Parents will be able to book appointments at schools and pharmacies.",
  ], quotes=dict(
    off='"Measles is not a harmless childhood illness. The booster is safe, and it is free," said health minister Sara Lindqvist.',
    opp='"Parents should be given full information and a real choice, not pressure at the school gate," said Tomas Ek of the parents\' group Free to Choose.',
    cit='"My son spent a week in hospital. I wish we had done this earlier," said Saltvik mother Maja Roos.',
  ), pieces=[
    (WIRE, "Estmark to offer free measles booster after Saltvik outbreak", None, [0,1,2,3], ["off"], 9),
    ("Valemont Observer", "Free measles booster for children as Saltvik outbreak grows", "Children across Estmark will be offered a free measles booster from April, as an outbreak in Saltvik passed 200 cases.", [1,2,3,5], ["off","cit"], 11),
    ("Frontier Standard", "Measles booster drive to enter Estmark schools, parents' group warns of pressure", "The Estmark health ministry will send measles booster teams into schools from April after the Saltvik outbreak, a move a parents' group says risks pressuring families.", [0,1,4,5], ["opp","off"], 12),
    ("copy:Coastline Daily", 12),
  ]),
  dict(key="bridge", date="2026-03-05", facts=[
    "The Old Harbour Bridge in Saltvik was closed to all traffic on Wednesday after inspectors found cracks in two of its steel supports.",
    "The bridge carries about 30,000 vehicles a day.",
    "City engineers said repairs could take up to six months.",
    "A 2023 inspection report had recommended strengthening work that was postponed for budget reasons.",
    "Buses will be diverted over the Northern Ring Road, adding about 20 minutes to journeys.",
    "No one was hurt.",
  ], quotes=dict(
    off='"Closing the bridge was the only responsible decision once we saw the cracks," said Saltvik mayor Erik Dahl.',
    opp='"The city was warned in 2023 and chose to do nothing. This closure was avoidable," said opposition leader Nora Vik.',
    cit='"My shop is on the other side. If customers cannot cross, I cannot pay rent," said bakery owner Leo Sand.',
  ), pieces=[
    (WIRE, "Saltvik closes Old Harbour Bridge after cracks found in supports", None, [0,1,2,4,5], ["off"], 8),
    ("Coastline Daily", "Saltvik bridge shut after city ignored 2023 warning", "Saltvik's Old Harbour Bridge was closed on Wednesday, three years after inspectors recommended repairs that the city postponed to save money.", [3,0,2], ["opp","cit"], 10),
    ("Northgate Tribune", "Old Harbour Bridge closed for up to six months", "Drivers in Saltvik face months of detours after the Old Harbour Bridge was closed when inspectors found cracked supports.", [0,1,2,4], ["off","cit"], 11),
    ("Ironbridge Herald", "Mayor acts swiftly to close cracked harbour bridge", "Saltvik mayor Erik Dahl moved quickly on Wednesday to close the Old Harbour Bridge after cracks were found in two supports.", [0,5,2], ["off"], 12),
  ]),
  dict(key="election", date="2026-03-06", facts=[
    "Prime Minister Ingrid Solberg of Valemont called an early general election for 14 May on Friday.",
    "The announcement came a week after her coalition lost its majority when the Agrarian Party walked out over farm subsidies.",
    "Polls put Solberg's Progress Party on 27 percent, two points behind the opposition Civic Alliance.",
    "The election will be the country's third in four years.",
    "Parliament will be dissolved on 28 March.",
  ], quotes=dict(
    off='"Voters deserve a government that can govern. Let them decide," Solberg told reporters outside her office.',
    opp='"This government has run out of ideas and out of partners," said Civic Alliance leader Mikael Berg.',
    cit='"Another election? I have stopped following it," said Saltvik teacher Hanna Lund.',
  ), pieces=[
    (WIRE, "Valemont prime minister calls early election for 14 May", None, [0,1,2,4], ["off","opp"], 15),
    ("Meridian Post", "Solberg gambles on snap election after coalition collapse", "Ingrid Solberg has called a snap election for 14 May, betting that voters will reward her after her coalition fell apart.", [1,2,3], ["off","opp"], 16),
    ("Valemont Observer", "Voters face third election in four years", "Valemont's voters will go to the polls on 14 May, for the third time in four years, after the prime minister called an early election.", [3,0,4], ["cit","off"], 17),
    ("copy:Frontier Standard", 17),
    ("The Lantern", "Coalition collapse over farm subsidies forces May election", "A dispute over farm subsidies that broke Ingrid Solberg's coalition has forced Valemont into an early general election.", [1,0,2], ["opp"], 18),
  ]),
  dict(key="wolves", date="2026-03-08", facts=[
    "Estmark's environment agency will allow hunters to cull up to 12 wolves in the northern district of Ravnsfjell this winter.",
    "Farmers in the district reported losing 430 sheep to wolves last year, up from 160 the year before.",
    "The district's wolf population is estimated at about 60 animals.",
    "Wolves are a protected species under Estmark law, and culls require a special permit.",
    "Conservation groups have said they will challenge the permit in court.",
  ], quotes=dict(
    off='"We have to balance the protection of the wolf with the livelihoods of people who live here," said agency director Bjorn Sæther.',
    opp='"Killing a fifth of a small population is not management, it is a step back to extinction," said Ylva Nord of the Northern Wildlife Trust.',
    cit='"I found eleven dead ewes in one morning. Something had to change," said sheep farmer Arne Lie.',
  ), pieces=[
    (WIRE, "Estmark permits cull of up to 12 wolves in Ravnsfjell", None, [0,1,2,3], ["off"], 9),
    ("Ironbridge Herald", "Relief for Ravnsfjell farmers as wolf cull approved", "Sheep farmers in Ravnsfjell won a long fight on Sunday when the environment agency approved a cull of up to 12 wolves.", [1,0], ["cit","off"], 10),
    ("The Lantern", "Agency approves killing a fifth of Ravnsfjell's protected wolves", "Up to 12 of Ravnsfjell's roughly 60 protected wolves can be shot this winter under a permit issued on Sunday, a decision conservationists vow to fight in court.", [2,3,4], ["opp"], 11),
    ("rewrite:Northgate Tribune", "Hunters allowed to shoot up to 12 wolves in north", "Hunters in the northern district of Ravnsfjell will be permitted to kill as many as 12 wolves this winter, Estmark's environment agency decided. Farmers there say wolves killed 430 of their sheep last year, compared with 160 a year earlier. Around 60 wolves are thought to live in the district. Because the wolf is protected by law, any cull needs a special permit. Agency director Bjorn Sæther said the decision weighed protecting the species against the livelihoods of local people.", 13),
  ]),
  dict(key="port", date="2026-03-09", facts=[
    "The shipping group Nordline will invest 1.2 billion crowns in a new container terminal at the port of Saltvik, the company said on Monday.",
    "The terminal is expected to create 800 permanent jobs once it opens in 2029.",
    "Construction requires dredging a 3-kilometre channel in Saltvik Bay.",
    "The regional government will contribute 200 million crowns to road and rail links.",
    "Fishermen's associations have warned that dredging could damage spawning grounds for herring.",
  ], quotes=dict(
    off='"This is the largest private investment in Saltvik in a generation," said Nordline chief executive Karin Falk.',
    opp='"Nobody has shown us a study of what dredging will do to the herring. Our jobs count too," said Jonas Berge of the Saltvik Fishermen\'s Association.',
    cit='"My two sons moved away for work. Maybe now they can come back," said retired docker Ola Strand.',
  ), pieces=[
    (WIRE, "Nordline to build 1.2 billion crown container terminal in Saltvik", None, [0,1,3], ["off"], 8),
    ("Frontier Standard", "800 jobs: Nordline's Saltvik terminal a vote of confidence", "Nordline's decision to build a 1.2 billion crown container terminal in Saltvik will bring 800 permanent jobs to the city.", [1,0,3], ["off","cit"], 9),
    ("Coastline Daily", "Fishermen fear for herring as Nordline plans Saltvik container terminal", "Saltvik's fishermen say the 1.2 billion crown container terminal announced by Nordline on Monday could destroy herring spawning grounds in Saltvik Bay.", [4,0,2], ["opp"], 11),
    ("copy:Valemont Observer", 12),
  ]),
  dict(key="heat", date="2026-03-10", facts=[
    "A heatwave pushed temperatures in Valemont's capital to 38 degrees on Tuesday, a record for March.",
    "The national weather office issued its highest heat warning for five southern regions.",
    "Hospitals in the capital reported a 30 percent rise in emergency admissions for heat stroke.",
    "Schools in three regions will close early for the rest of the week.",
    "Scientists at the weather office said such early heat had become roughly ten times more likely than in the 1960s.",
  ], quotes=dict(
    off='"Stay indoors during the afternoon, drink water and check on elderly neighbours," said weather office director Petra Moen.',
    opp='"Record after record, and the government still has no heat plan for hospitals," said Green Party spokesperson Elin Haug.',
    cit='"The classroom was 34 degrees at ten in the morning," said primary teacher Rune Aas.',
  ), pieces=[
    (WIRE, "Valemont capital hits record 38C as March heatwave grips south", None, [0,1,2,3], ["off"], 14),
    ("The Lantern", "Record March heat: scientists link early heatwaves to warming", "Valemont's record March heat is part of a pattern that scientists say has become ten times more likely since the 1960s.", [4,0,2], ["opp","off"], 15),
    ("Meridian Post", "Schools close early as record heat fills hospitals", "Schools in three regions will close early and hospitals are filling with heat stroke cases after temperatures hit a March record of 38 degrees.", [3,2,0], ["cit","off"], 16),
    ("copy:Ironbridge Herald", 16),
  ]),
  dict(key="fraud", date="2026-03-11", facts=[
    "Former Estmark transport minister Lars Wik was charged on Wednesday with accepting bribes worth 4.5 million crowns.",
    "Prosecutors allege the payments came from a construction firm that won three road contracts between 2019 and 2022.",
    "Wik, who resigned in 2023, denies all charges.",
    "The construction firm, Vegbygg, has not been charged and said it is cooperating with investigators.",
    "The trial is expected to begin in the autumn.",
  ], quotes=dict(
    off='"The evidence will show a clear pattern of payments in exchange for contracts," said chief prosecutor Anna Fjeld.',
    opp='"My client has never taken a crown he was not entitled to and looks forward to clearing his name," said Wik\'s lawyer Per Gran.',
    cit='"It is our money that built those roads," said Saltvik taxpayer Siri Moe.',
  ), pieces=[
    (WIRE, "Former Estmark transport minister charged with bribery", None, [0,1,2,4], ["off","opp"], 10),
    ("Coastline Daily", "Ex-minister Wik charged over 4.5 million crowns in bribes", "Former transport minister Lars Wik was charged on Wednesday with taking 4.5 million crowns in bribes from a firm that won road contracts under him.", [1,0,2], ["off","cit"], 11),
    ("Ironbridge Herald", "Wik denies charges, says he will clear his name", "Former transport minister Lars Wik has denied bribery charges brought on Wednesday and says he will clear his name in court.", [2,0,3,4], ["opp"], 12),
    ("Northgate Tribune", "Bribery case against Wik to go to trial in autumn", "Prosecutors charged former transport minister Lars Wik with bribery on Wednesday, in a case expected to reach court in the autumn.", [0,1,3,4], ["off","opp"], 13),
  ]),
  dict(key="library", date="2026-03-12", facts=[
    "Valemont's national library will digitise its collection of 1.4 million historical newspapers and make them free to read online.",
    "The project, funded by a 95 million crown grant, will take seven years.",
    "The oldest newspaper in the collection dates from 1763.",
    "About 40 staff will be hired to scan and check the pages.",
    "Publishers of newspapers still in print will be able to keep issues from the last 70 years offline.",
  ], quotes=dict(
    off='"Three centuries of our history will be a click away for every schoolchild," said culture minister Eva Nilsen.',
    opp='"Digitising is welcome, but the reading rooms are losing staff at the same time," said librarians\' union representative Kari Dahl.',
    cit='"I spent months in the archive tracing my grandfather. This will save people years," said amateur historian Ivar Lunde.',
  ), pieces=[
    (WIRE, "Valemont national library to put 1.4 million old newspapers online", None, [0,1,2], ["off"], 9),
    ("Valemont Observer", "Three centuries of newspapers to go online for free", "Every historical newspaper held by the national library, the oldest from 1763, will be free to read online within seven years.", [0,2,1,3], ["off","cit"], 10),
    ("Meridian Post", "Library's digital archive comes as reading rooms lose staff", "The national library's plan to put 1.4 million old newspapers online comes as its reading rooms cut staff, the librarians' union says.", [0,1,4], ["opp","off"], 12),
    ("copy:The Lantern", 12),
  ]),
  # Written outlet by outlet (no shared sentences), so each piece is its own source: with the
  # demo's invented ratings it is covered from the centre and the left only, a blindspot for the right.
  dict(key="ferry", date="2026-03-13", facts=[], quotes={}, pieces=[
    ("rewrite:" + WIRE, "Saltvik ferry workers win 6 percent pay deal", "Crews on the Saltvik island ferries accepted a 6 percent pay rise on Friday, ending a dispute that had cancelled 140 crossings this month. The deal was approved by 71 percent of union members in a ballot. Ferry operator Saltlink said normal timetables would return on Monday. \"We are glad passengers can rely on the ferries again,\" said Saltlink director Ruth Aberg.", 8),
    ("rewrite:Coastline Daily", "Islanders cheer as ferry strike ends", "Residents of Holm and Varo islands can plan their week again after ferry crews voted to accept a new pay offer. For three weeks many islanders missed hospital appointments and school days because of cancelled sailings. \"My mother waited four days for her dialysis trip,\" said Holm resident Ida Berg. The union called the result a victory for workers who keep the islands connected.", 10),
    ("rewrite:The Lantern", "Ferry crews show what organised workers can win", "Seven in ten union members backed the agreement, which lifts wages by six percent and limits shifts to twelve hours. Crew members had worked up to sixteen hours a day during the summer season, the union said. \"Nobody should steer a ferry after sixteen hours at work,\" said union representative Jonas Falk. Saltlink had at first offered three percent.", 11),
    ("rewrite:Meridian Post", "Ferry deal restores island timetable from Monday", "Saltlink will run its full island timetable again from Monday after its crews agreed a settlement worth six percent. About 140 departures were cancelled during the dispute, according to the operator. The settlement also caps shifts at twelve hours. Regional transport councillor Petra Nyman said the county would review the ferry contract next year.", 12),
    ("rewrite:Valemont Observer", "What the ferry settlement means for travellers", "Travellers to the Saltvik islands should expect regular sailings from Monday. Tickets bought for cancelled crossings will be refunded in full, Saltlink said, and passengers can apply online until the end of April. The agreement between the operator and its crews runs for two years.", 13),
  ]),
]

CREDIT = "This article was distributed by Capital Wire Service."


def slug(s):
    return "".join(c if c.isalnum() else "-" for c in s.lower()).strip("-")


def compose(story, lede, facts, quotes):
    sents = [lede] if lede else []
    sents += [story["facts"][i] for i in facts if not (lede is None and False)]
    paras = [" ".join(sents[:2])] + [" ".join(sents[i:i + 2]) for i in range(2, len(sents), 2)]
    paras += [story["quotes"][q] for q in quotes]
    return "\n\n".join(p for p in paras if p)


def main():
    out = []
    for story in STORIES:
        wire_text = None
        wire_title = None
        for piece in story["pieces"]:
            outlet = piece[0]
            if outlet.startswith("copy:"):
                name, hour = outlet[5:], piece[1]
                title, text = wire_title, f"{wire_text}\n\n{CREDIT}"
            elif outlet.startswith("rewrite:"):
                name, title, text, hour = outlet[8:], piece[1], piece[2], piece[3]
            else:
                name, title, lede, facts, quotes, hour = piece
                text = compose(story, lede, facts, quotes)
                if name == WIRE:
                    wire_text, wire_title = text, title
            out.append({
                "id": f"demo-{story['key']}-{slug(name)}",
                "title": title,
                "text": text,
                "outlet": name,
                "published_at": f"{story['date']}T{hour:02d}:00:00Z",
                "lang": "en",
            })
    for a in out:
        print(json.dumps(a, ensure_ascii=False))


main()
