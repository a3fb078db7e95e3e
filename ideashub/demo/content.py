"""Demo content for the ideas hub: organisations, people, ideas, projects and challenges.

Pure data, no imports. Every name, organisation and email domain here is fictional.
Times are given as ``days_ago`` (days before today) so a loader can place the
content relative to the clock it runs with.
"""

DEMO_PASSWORD = "ideas-hub-demo-2026"  # noqa: S105 (a published demo password, not a secret)

ORGANISATIONS = [
    {
        "name": "Riverside Borough Council",
        "domains": ["riverside.gov.uk"],
        "teams": [
            "Chief Executive's Office",
            "Housing Services",
            "Adult Social Care",
            "Waste and Street Scene",
            "Digital and Customer Services",
            "Community Safety",
            "Finance and Procurement",
        ],
    },
    {
        "name": "Riverside Health Board",
        "domains": ["riversidehealth.nhs.uk"],
        "teams": [
            "Strategy and Transformation",
            "Patient Flow and Discharge",
            "District Nursing",
            "Community Therapies",
        ],
    },
    {
        "name": "Fernlea Housing Association",
        "domains": ["fernleahousing.org.uk"],
        "teams": [
            "Repairs and Maintenance",
            "Tenancy Sustainment",
        ],
    },
]

# The first four are the demo logins: a member, a moderator, an executive and the admin.
PEOPLE = [
    {
        "key": "amira",
        "name": "Amira Patel",
        "email": "amira.patel@riverside.gov.uk",
        "team": "Housing Services",
        "role": "member",
        "bio": "I'm a housing options officer, helping people who are about to lose their home find "
        "somewhere safe to live. I like untangling spreadsheets and I'm always happy to help someone "
        "make sense of their data.",
        "skills": ["tenancy law", "homelessness prevention", "data analysis", "Gujarati"],
    },
    {
        "key": "siobhan",
        "name": "Siobhan Murphy",
        "email": "siobhan.murphy@riverside.gov.uk",
        "team": "Chief Executive's Office",
        "role": "moderator",
        "bio": "I lead improvement and innovation in the Chief Executive's Office and moderate the ideas hub. "
        "My job is to make sure every idea gets a fair hearing and the good ones find the people and time they need.",
        "skills": ["facilitation", "service design", "lean", "project management"],
    },
    {
        "key": "helen",
        "name": "Helen Okafor",
        "email": "helen.okafor@riverside.gov.uk",
        "team": "Chief Executive's Office",
        "role": "executive",
        "bio": "I'm chief executive of Riverside Borough Council. I read the top ideas on the hub every Friday "
        "and I especially want to hear from people who have never pitched an idea before.",
        "skills": ["partnership working", "public finance", "leadership"],
    },
    {
        "key": "daniel",
        "name": "Daniel Hughes",
        "email": "daniel.hughes@riverside.gov.uk",
        "team": None,
        "role": "admin",
        "bio": "I look after the ideas hub and a few other council systems. If you can't sign in or your team "
        "is missing from the list, I'm the person to ask.",
        "skills": ["systems administration", "accessibility testing", "identity and access"],
    },
    {
        "key": "callum",
        "name": "Callum Fraser",
        "email": "callum.fraser@riverside.gov.uk",
        "team": "Housing Services",
        "role": "member",
        "bio": "I manage private sector housing, including the handyperson service and disabled facilities grants. "
        "I've spent more time in damp bedrooms than I'd like to admit.",
        "skills": [
            "housing health and safety",
            "damp and mould",
            "home adaptations",
            "enforcement",
        ],
    },
    {
        "key": "grace",
        "name": "Grace Mensah",
        "email": "grace.mensah@riverside.gov.uk",
        "team": "Adult Social Care",
        "role": "member",
        "bio": "I'm a social worker in the hospital social work team at Riverside General. I spend my days trying "
        "to get people home safely, so I'm interested in anything that cuts the waiting.",
        "skills": ["care assessments", "hospital discharge", "safeguarding", "Twi"],
    },
    {
        "key": "martin",
        "name": "Martin Doyle",
        "email": "martin.doyle@riverside.gov.uk",
        "team": "Adult Social Care",
        "role": "member",
        "bio": "I'm an occupational therapist in adult social care. I assess people for equipment and adaptations "
        "so they can stay living in their own homes.",
        "skills": [
            "occupational therapy",
            "home adaptations",
            "moving and handling",
            "falls prevention",
        ],
    },
    {
        "key": "dave",
        "name": "Dave Collins",
        "email": "dave.collins@riverside.gov.uk",
        "team": "Waste and Street Scene",
        "role": "member",
        "bio": "I've been on the bin rounds for 22 years and now supervise the collection crews. "
        "My crews know every street in the borough and notice a lot more than bins.",
        "skills": ["route knowledge", "team leadership", "health and safety"],
    },
    {
        "key": "aisha",
        "name": "Aisha Rahman",
        "email": "aisha.rahman@riverside.gov.uk",
        "team": "Waste and Street Scene",
        "role": "member",
        "bio": "I plan collection routes and look after the council's fleet, including our move to electric vehicles. "
        "I love a good map and a spreadsheet of mileage.",
        "skills": ["route planning", "fleet management", "carbon reporting", "GIS"],
    },
    {
        "key": "chloe",
        "name": "Chloe Wright",
        "email": "chloe.wright@riverside.gov.uk",
        "team": "Digital and Customer Services",
        "role": "member",
        "bio": "I lead a team in the contact centre, so I hear first-hand what residents find confusing. "
        "I'm keen to fix the things that make people ring us twice.",
        "skills": ["customer service", "content design", "call data", "online forms"],
    },
    {
        "key": "ravi",
        "name": "Ravi Kumar",
        "email": "ravi.kumar@riverside.gov.uk",
        "team": "Digital and Customer Services",
        "role": "member",
        "bio": "I'm a data analyst and developer in Digital and Customer Services. I build forms, dashboards and the "
        "occasional integration, and I'm happy to give a few hours a week to a good idea.",
        "skills": [
            "Python",
            "SQL",
            "Power BI",
            "GOV.UK Notify",
            "data protection impact assessments",
        ],
    },
    {
        "key": "sean",
        "name": "Sean O'Brien",
        "email": "sean.obrien@riverside.gov.uk",
        "team": "Community Safety",
        "role": "member",
        "bio": "I coordinate the council's response to anti-social behaviour with the police, housing providers and "
        "residents. Most of my cases need three or four organisations to work as one.",
        "skills": ["anti-social behaviour casework", "partnership working", "mediation"],
    },
    {
        "key": "nadia",
        "name": "Nadia Hussain",
        "email": "nadia.hussain@riverside.gov.uk",
        "team": "Community Safety",
        "role": "member",
        "bio": "I look after community engagement and volunteering in community safety. "
        "I can usually find a volunteer for most things if you ask nicely.",
        "skills": ["volunteer recruitment", "community engagement", "event organising", "Urdu"],
    },
    {
        "key": "karen",
        "name": "Karen Walsh",
        "email": "karen.walsh@riverside.gov.uk",
        "team": "Finance and Procurement",
        "role": "member",
        "bio": "I'm a category manager in procurement, buying social care, transport and taxi services. "
        "I can tell you which frameworks we can already use and how to avoid a six-month tender.",
        "skills": ["procurement", "contract management", "social value", "frameworks"],
    },
    {
        "key": "marek",
        "name": "Marek Nowak",
        "email": "marek.nowak@riverside.gov.uk",
        "team": "Finance and Procurement",
        "role": "member",
        "bio": "I'm a finance business partner for adult social care and housing. I like ideas that come with a "
        "rough number, and I'll help you work one out if they don't.",
        "skills": ["business cases", "budgeting", "cost-benefit analysis", "Polish"],
    },
    {
        "key": "rhiannon",
        "name": "Rhiannon Price",
        "email": "rhiannon.price@riversidehealth.nhs.uk",
        "team": "Strategy and Transformation",
        "role": "executive",
        "bio": "I'm Director of Strategy and Transformation at Riverside Health Board. I sponsor our joint challenges "
        "with the council because most of our patients' problems don't stop at our front door.",
        "skills": ["strategy", "clinical governance", "partnership working", "Welsh"],
        "language": "cy",
    },
    {
        "key": "gwenllian",
        "name": "Gwenllian Morgan",
        "email": "gwenllian.morgan@riverside.gov.uk",
        "team": "Waste and Street Scene",
        "role": "member",
        "bio": "Rwy'n swyddog ailgylchu yn y tîm Strydlun. I look after the recycling rounds and the parks' bins, "
        "and I'm the team's Welsh language champion.",
        "skills": ["recycling", "Welsh", "translation", "community engagement"],
        "language": "cy",
    },
    {
        "key": "tunde",
        "name": "Tunde Bakare",
        "email": "tunde.bakare@riversidehealth.nhs.uk",
        "team": "Strategy and Transformation",
        "role": "moderator",
        "bio": "I run transformation programmes at the health board and moderate the hub with Siobhan and Leanne. "
        "Bring me a half-formed idea and I'll help you find the people to finish it.",
        "skills": [
            "programme management",
            "facilitation",
            "quality improvement",
            "benefits realisation",
        ],
    },
    {
        "key": "sarah",
        "name": "Sarah Jenkins",
        "email": "sarah.jenkins@riversidehealth.nhs.uk",
        "team": "Patient Flow and Discharge",
        "role": "member",
        "bio": "I coordinate discharges at Riverside General. I know exactly where the delays are, and I'm always "
        "happy to walk someone through a patient's journey home.",
        "skills": ["discharge planning", "patient flow", "bed management"],
    },
    {
        "key": "mohammed",
        "name": "Mohammed Iqbal",
        "email": "mohammed.iqbal@riversidehealth.nhs.uk",
        "team": "Patient Flow and Discharge",
        "role": "member",
        "bio": "I'm ward manager on Beech Ward, a 28-bed elderly care ward. My nurses spend too much of their day "
        "on the phone and I'd like that time back for patients.",
        "skills": ["nursing", "ward management", "dementia care", "Urdu"],
    },
    {
        "key": "ellie",
        "name": "Ellie Thompson",
        "email": "ellie.thompson@riversidehealth.nhs.uk",
        "team": "District Nursing",
        "role": "member",
        "bio": "I'm a district nursing sister covering the north of the borough. I see people in their own homes "
        "every day, so I often spot problems before anyone else does.",
        "skills": ["district nursing", "wound care", "palliative care"],
    },
    {
        "key": "claire",
        "name": "Claire Donnelly",
        "email": "claire.donnelly@riversidehealth.nhs.uk",
        "team": "District Nursing",
        "role": "member",
        "bio": "I lead a district nursing team in Riverside South. I'm interested in anything that stops us making "
        "wasted journeys.",
        "skills": ["community nursing", "team leadership", "falls risk assessment"],
    },
    {
        "key": "hannah",
        "name": "Hannah Lewis",
        "email": "hannah.lewis@riversidehealth.nhs.uk",
        "team": "Community Therapies",
        "role": "member",
        "bio": "I'm a physiotherapist in the community falls team. Most falls I see could have been prevented with "
        "a grab rail and a bit of joined-up working.",
        "skills": ["physiotherapy", "falls prevention", "strength and balance classes"],
    },
    {
        "key": "jamal",
        "name": "Jamal Osei",
        "email": "jamal.osei@riversidehealth.nhs.uk",
        "team": "Community Therapies",
        "role": "member",
        "bio": "I coordinate the community equipment service: beds, hoists, frames and everything in between. "
        "I'm on a mission to get unused equipment back and out to the next person who needs it.",
        "skills": ["equipment logistics", "stock control", "supplier management"],
    },
    {
        "key": "wayne",
        "name": "Wayne Pritchard",
        "email": "wayne.pritchard@fernleahousing.org.uk",
        "team": "Repairs and Maintenance",
        "role": "member",
        "bio": "I supervise repairs at Fernlea, with 40 operatives across the borough. I care about getting it right "
        "first time so tenants don't have to wait in twice.",
        "skills": ["repairs scheduling", "building maintenance", "operative training"],
    },
    {
        "key": "zofia",
        "name": "Zofia Kowalska",
        "email": "zofia.kowalska@fernleahousing.org.uk",
        "team": "Repairs and Maintenance",
        "role": "member",
        "bio": "I'm a damp and mould surveyor at Fernlea. I'd much rather stop mould before it starts than treat it "
        "afterwards.",
        "skills": ["building surveying", "damp diagnosis", "ventilation", "Polish"],
    },
    {
        "key": "leanne",
        "name": "Leanne Murray",
        "email": "leanne.murray@fernleahousing.org.uk",
        "team": "Tenancy Sustainment",
        "role": "moderator",
        "bio": "I manage Fernlea's tenancy sustainment team and I'm one of the hub's moderators. I was a support "
        "worker for ten years, so I always ask what an idea means for tenants.",
        "skills": ["tenancy sustainment", "safeguarding", "facilitation"],
    },
    {
        "key": "precious",
        "name": "Precious Ndlovu",
        "email": "precious.ndlovu@fernleahousing.org.uk",
        "team": "Tenancy Sustainment",
        "role": "member",
        "bio": "I'm a tenancy support officer at Fernlea and our digital inclusion lead. I help tenants get online, "
        "one patient cup of tea at a time.",
        "skills": ["digital inclusion", "benefits advice", "tenant engagement", "Shona"],
    },
]

IDEAS = [
    # ------------------------------------------------------------------ delivered
    {
        "key": "bin-day-texts",
        "title": "Text residents the day before their bin collection day changes",
        "problem": "After every bank holiday our collection days move, and a lot of residents don't find out. "
        "In the fortnight after Christmas we logged **1,900 missed-bin reports**, and most of them weren't "
        "missed at all: the bin went out on the wrong day.\n\n"
        "My crews get the blame on the doorstep and the contact centre gets the calls.",
        "proposal": "Send a text the day before a resident's collection day changes, using the council's existing "
        "GOV.UK Notify account. Residents sign up once with their postcode, on the missed-bin form or by phone. "
        "Start with the bank holiday changes and add the garden waste restart later.",
        "benefit": "About a third fewer missed-bin calls after each bank holiday (roughly 600 calls, or 100 contact "
        "centre hours, each time) and fewer wasted return trips for the crews.",
        "tags": ["waste", "digital"],
        "author": "dave",
        "stage": "delivered",
        "days_ago": 118,
        "supporters": [
            "aisha",
            "chloe",
            "ravi",
            "amira",
            "sean",
            "nadia",
            "marek",
            "precious",
            "leanne",
            "helen",
            "siobhan",
            "callum",
        ],
        "responses": [
            {
                "by": "chloe",
                "kind": "build",
                "days_ago": 117,
                "body": "Yes please. Our call data backs this up: bin calls go up **four times** in the week after "
                "a bank holiday, and about 70% of them are 'when is my collection?' rather than a real miss. "
                "We could also offer the sign-up at the end of every bin call.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "dave",
                        "kind": "build",
                        "days_ago": 117,
                        "body": "That would be brilliant, Chloe. If you can share the call numbers by week I'll put them "
                        "next to our missed-bin reports.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "ravi",
                "kind": "offer",
                "days_ago": 116,
                "body": "I can set up the Notify template and a simple sign-up form linked to the address gazetteer, "
                "so we know which round each resident is on. About 4 hours a week for a month should do it.",
                "suggestion": None,
                "hours": 4,
                "replies": [
                    {
                        "by": "aisha",
                        "kind": "build",
                        "days_ago": 115,
                        "body": "Thanks Ravi. I can give you the round-to-street list from the routing system.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "precious",
                "kind": "question",
                "days_ago": 115,
                "body": "Lots of our older tenants don't have a mobile. Could the same message reach a landline?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "ravi",
                        "kind": "build",
                        "days_ago": 114,
                        "body": "Notify can't make voice calls, but it can send letters. For anyone who asks, we could "
                        "post a printed calendar with the changes highlighted.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "aisha",
                "kind": "build",
                "days_ago": 114,
                "body": "Yes, and we could add a line about the garden waste restart, which is our other big spike "
                "in calls every year.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "project": "bin-change-texts",
    },
    {
        "key": "blue-badge-evidence",
        "title": "Stop asking blue badge applicants to post us paper evidence we can check ourselves",
        "problem": "About 2,100 people apply for a blue badge each year. Around 40% of them qualify automatically "
        "because of a benefit award, but we still ask them to post a photocopy of their award letter.\n\n"
        "The post adds **two to three weeks**, letters go missing, and staff key the details in by hand.",
        "proposal": "- Check automatic eligibility with the benefit check our blue badge team already has access "
        "to, with the applicant's consent\n"
        "- Let everyone else upload a photo of their evidence from their phone\n"
        "- Keep post and in-person routes for people who need them",
        "benefit": "Processing time for automatic cases down from about 21 days to under 8, roughly 350 officer "
        "hours a year saved, and about £3,000 a year less on postage and scanning.",
        "tags": ["digital", "digital inclusion"],
        "author": "chloe",
        "stage": "delivered",
        "days_ago": 110,
        "supporters": [
            "ravi",
            "martin",
            "marek",
            "karen",
            "grace",
            "helen",
            "precious",
            "amira",
            "hannah",
        ],
        "responses": [
            {
                "by": "martin",
                "kind": "build",
                "days_ago": 108,
                "body": "Yes, and this would free my OTs to focus on the people who don't qualify automatically, "
                "where we really do need to assess mobility. At the moment we get pulled into chasing paperwork "
                "for cases that never needed us.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "precious",
                "kind": "concern",
                "days_ago": 107,
                "body": "Some of our tenants don't have a smartphone or an email address and would struggle to "
                "upload a photo.",
                "suggestion": "Keep a route where people can bring their documents to a library digital help session "
                "or to their tenancy officer, who can photograph them with consent and send them in.",
                "hours": None,
                "replies": [
                    {
                        "by": "chloe",
                        "kind": "build",
                        "days_ago": 106,
                        "body": "Good shout. I'll add 'ask your tenancy officer or library for help' to the letter, "
                        "and the paper route stays.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "marek",
                "kind": "question",
                "days_ago": 106,
                "body": "Is there any cost to using the benefit check, and does the scanning contract have a minimum "
                "volume we might drop below?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "karen",
                        "kind": "build",
                        "days_ago": 105,
                        "body": "I've checked: the scanning contract is pay per item with no minimum, and there's no "
                        "charge for the benefit check.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "ravi",
                "kind": "offer",
                "days_ago": 105,
                "body": "I can build the upload step into the existing online form and connect it to the document "
                "store. Around 3 hours a week for six weeks.",
                "suggestion": None,
                "hours": 3,
                "replies": [],
            },
        ],
        "project": "blue-badge-online",
    },
    {
        "key": "key-safe-register",
        "title": "One register of key safe codes for district nurses, carers and alarm responders",
        "problem": "District nurses, home carers and the council's community alarm responders all visit people "
        "who can't get to the door. Key safe codes live on paper, in care plans, in phones and in people's heads.\n\n"
        "Every week my team makes about **15 visits** where we can't get in and have to ring round for the code, "
        "sometimes for an hour.",
        "proposal": "Hold key safe codes in one secure register, inside the community alarm system the council "
        "already runs, with the person's consent. Nurses, carers and alarm responders look up a code when they're "
        "at the door, and every look-up is logged.",
        "benefit": "About 10 nursing hours a week back, faster help in an emergency, and no more codes written on "
        "scraps of paper.",
        "tags": ["community health", "data sharing", "social care"],
        "author": "ellie",
        "stage": "delivered",
        "days_ago": 96,
        "supporters": [
            "claire",
            "hannah",
            "jamal",
            "grace",
            "martin",
            "sean",
            "ravi",
            "sarah",
            "mohammed",
            "tunde",
            "rhiannon",
            "helen",
            "callum",
            "precious",
        ],
        "responses": [
            {
                "by": "grace",
                "kind": "build",
                "days_ago": 95,
                "body": "Yes, and social care could ask for consent during the care assessment, so most people are on "
                "the register from day one.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "ravi",
                "kind": "concern",
                "days_ago": 94,
                "body": "Key safe codes are about as sensitive as data gets: a leaked list is a burglar's shopping list.",
                "suggestion": "Show a code only when someone looks up one address, never as a list; log every look-up "
                "and review the log monthly; and prompt people to change their code once a year.",
                "hours": None,
                "replies": [
                    {
                        "by": "ellie",
                        "kind": "build",
                        "days_ago": 93,
                        "body": "Completely agree. Could we also prompt a code change whenever a carer leaves the agency?",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "sean",
                "kind": "build",
                "days_ago": 93,
                "body": "From a community safety angle this is good news. The consent visit is a chance to give bogus "
                "caller advice and a 'no cold calling' sticker.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "jamal",
                "kind": "offer",
                "days_ago": 92,
                "body": "Our equipment technicians fit a lot of key safes. I can give 2 hours a week to make sure every "
                "new one we fit goes on the register, with consent.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
        ],
        "project": "shared-key-safes",
    },
    {
        "key": "digital-help-libraries",
        "title": "One weekly digital help session for older residents in libraries, run by all three organisations",
        "problem": "Lots of older residents can't use the online services we keep moving them onto: Fernlea's "
        "repairs portal, the council tax account, the NHS App. Each organisation runs its own drop-in, at different "
        "times and places, and most are poorly attended. Residents don't know which one to go to for what.",
        "proposal": "Run **one** weekly digital help session in three libraries, staffed by volunteer digital "
        "champions from the council, the health board and Fernlea. Residents can bring any question: repeat "
        "prescriptions, reporting a repair, paying council tax, video-calling family. Champions get half a day of "
        "shared training.",
        "benefit": "About 60 residents helped a month, fewer phone calls to all three organisations, and less "
        "isolation for people who are cut off without the internet.",
        "tags": ["digital inclusion", "volunteering"],
        "author": "precious",
        "stage": "delivered",
        "days_ago": 120,
        "supporters": [
            "nadia",
            "claire",
            "chloe",
            "helen",
            "leanne",
            "zofia",
            "wayne",
            "amira",
            "sean",
            "ravi",
            "ellie",
            "mohammed",
            "tunde",
            "rhiannon",
            "siobhan",
            "grace",
            "marek",
            "callum",
        ],
        "responses": [
            {
                "by": "nadia",
                "kind": "offer",
                "days_ago": 119,
                "body": "I can recruit and look after the volunteers, about 3 hours a week. We already have a few "
                "retired residents asking for something like this.",
                "suggestion": None,
                "hours": 3,
                "replies": [],
            },
            {
                "by": "claire",
                "kind": "build",
                "days_ago": 118,
                "body": "Yes, and if we show people how to order repeat prescriptions in the NHS App, that's fewer "
                "calls to surgeries and fewer trips to drop off paper slips. I'm happy to send a nurse to the first "
                "session.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "chloe",
                "kind": "build",
                "days_ago": 117,
                "body": "The contact centre could book people in when they ring about something they could do online "
                "with a bit of help.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "helen",
                "kind": "build",
                "days_ago": 115,
                "body": "I love this. Council staff can use their volunteering day to be a digital champion, and I'll "
                "say so in my next all-staff message.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "precious",
                        "kind": "build",
                        "days_ago": 115,
                        "body": "Thank you Helen, that will make a real difference to recruiting champions.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
        "project": "library-digital-help",
    },
    {
        "key": "equipment-returns",
        "title": "Let people return walking frames and other loaned equipment at household recycling centres",
        "problem": "The community equipment service lends out walking frames, commodes, bath seats and more. "
        "About **£180,000 of equipment a year** never comes back. Families clearing a house after someone has died "
        "often don't know who to ring, so frames end up in a skip at the recycling centre.",
        "proposal": "Put a clearly labelled collection cage for loaned equipment at the two household recycling "
        "centres. Site staff point people to it, and our van collects every Tuesday on its normal round. "
        "Equipment is cleaned, checked and reissued.",
        "benefit": "Recover about £40,000 of equipment a year, buy less new kit, and send less metal and plastic "
        "to landfill.",
        "tags": ["community health", "waste", "carbon"],
        "author": "jamal",
        "stage": "delivered",
        "days_ago": 102,
        "supporters": [
            "dave",
            "aisha",
            "hannah",
            "ellie",
            "marek",
            "mohammed",
            "karen",
            "zofia",
            "helen",
            "rhiannon",
        ],
        "responses": [
            {
                "by": "dave",
                "kind": "build",
                "days_ago": 101,
                "body": "My site staff see frames go in the skip every weekend and hate it. They'd happily direct "
                "people to a cage.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "aisha",
                "kind": "offer",
                "days_ago": 100,
                "body": "I can sort out the cages and the signs, and fit the collection into the Tuesday van route. "
                "Call it 2 hours a week for a month.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
            {
                "by": "marek",
                "kind": "question",
                "days_ago": 99,
                "body": "Who owns the equipment once it's been left at the site, and is it insured while it's "
                "sitting there?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "jamal",
                        "kind": "build",
                        "days_ago": 98,
                        "body": "It stays health board equipment, so it's covered by our policy. I'll get that confirmed "
                        "in writing.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "mohammed",
                "kind": "build",
                "days_ago": 97,
                "body": "Yes, and the ward could give families a 'how to return equipment' card when someone goes "
                "home, pointing them to the cages.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "project": "equipment-cages",
    },
    # ------------------------------------------------------------------ in a project
    {
        "key": "trusted-assessor",
        "title": "Let hospital therapists set up the first two weeks of home care as trusted assessors",
        "problem": "On a typical day about **30 beds** at Riverside General are occupied by people who are "
        "medically fit to go home. The biggest single wait is for a social care assessment before home care can "
        "start: 4.5 days on average. People lose strength and confidence every day they spend in bed.",
        "proposal": "Train hospital therapists as **trusted assessors** who can agree the first two weeks of home "
        "care using shared criteria. A social worker then reviews the person at home within seven days, when it's "
        "much clearer what they really need.",
        "benefit": "Saving two days for about 60 patients a month would free around 120 bed days a month, help "
        "people recover better and mean fewer people going straight from hospital into a care home.",
        "tags": ["discharge", "social care"],
        "author": "sarah",
        "stage": "in_project",
        "days_ago": 40,
        "supporters": [
            "grace",
            "hannah",
            "mohammed",
            "martin",
            "rhiannon",
            "tunde",
            "helen",
            "siobhan",
            "ellie",
            "claire",
            "jamal",
            "karen",
            "marek",
            "leanne",
            "precious",
            "callum",
        ],
        "responses": [
            {
                "by": "grace",
                "kind": "concern",
                "days_ago": 40,
                "body": "I worry about care being set up without a social worker's eye on it, especially for people "
                "with complex needs or safeguarding concerns.",
                "suggestion": "Start with people whose needs are straightforward, agree the exclusions together "
                "(safeguarding, dementia with no carer at home), and hold a weekly joint case review for the first "
                "three months.",
                "hours": None,
                "replies": [
                    {
                        "by": "sarah",
                        "kind": "build",
                        "days_ago": 39,
                        "body": "That's fair, Grace. Would you help write the criteria? We'd rather get it right than get "
                        "it fast.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "hannah",
                "kind": "offer",
                "days_ago": 39,
                "body": "The therapy team would be the trusted assessors, so count me in. I can give 4 hours a week to "
                "design the training and run the pilot on two wards.",
                "suggestion": None,
                "hours": 4,
                "replies": [],
            },
            {
                "by": "karen",
                "kind": "question",
                "days_ago": 39,
                "body": "Will home care providers accept a package set up by a health board therapist? Some of our "
                "contracts say the referral has to come from the council.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "sarah",
                        "kind": "build",
                        "days_ago": 39,
                        "body": "Good question, and I don't know. Could we check the contracts during the sprint?",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "martin",
                "kind": "build",
                "days_ago": 38,
                "body": "Yes, and a council OT could do the home review alongside the social worker, so equipment and "
                "care get sorted in one visit.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "rhiannon",
                "kind": "build",
                "days_ago": 38,
                "body": "This is exactly what the sprint was for. If the numbers hold up, I'd want to see it on all our "
                "elderly care wards.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "project": "trusted-assessors",
    },
    {
        "key": "nurses-book-handyperson",
        "title": "Let district nurses book council handyperson visits directly",
        "problem": "District nurses are in people's homes every day and often spot an accident waiting to happen: "
        "a loose stair rail, no grab rail by the toilet, a frayed carpet on the stairs. Today we have to refer "
        "through the GP or adult social care, and the wait for a small job is about **six weeks**. Too often the "
        "person falls before the rail goes up.",
        "proposal": "Give district nurses a short online form to book the council's handyperson service directly "
        "for small jobs under £150: grab rails, stair rails, key safes, securing loose carpets. Anything bigger "
        "still goes through an OT assessment.",
        "benefit": "Small jobs done within 10 working days instead of six weeks. Preventing just five hip fractures "
        "a year would save the NHS and social care around £140,000 (about £28,000 each).",
        "tags": ["community health", "housing"],
        "author": "claire",
        "stage": "in_project",
        "days_ago": 75,
        "supporters": [
            "ellie",
            "hannah",
            "jamal",
            "mohammed",
            "sarah",
            "callum",
            "grace",
            "wayne",
            "zofia",
            "leanne",
            "tunde",
            "rhiannon",
            "siobhan",
            "helen",
            "amira",
        ],
        "responses": [
            {
                "by": "callum",
                "kind": "build",
                "days_ago": 74,
                "body": "Yes, and the handyperson service has spare capacity on Thursdays and Fridays most weeks. "
                "Nurses are exactly the referrers we want.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "martin",
                "kind": "concern",
                "days_ago": 73,
                "body": "Some jobs that look small aren't. A grab rail in the wrong place can make transfers harder, "
                "and a stair rail sometimes needs an OT to check the person can manage the stairs at all.",
                "suggestion": "Agree a short list of 'no assessment needed' jobs with standard positions, and give "
                "nurses a tick box to ask for an OT triage call for anything else.",
                "hours": None,
                "replies": [
                    {
                        "by": "claire",
                        "kind": "build",
                        "days_ago": 72,
                        "body": "That works for us. We'd much rather have a clear list than guess.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "hannah",
                "kind": "build",
                "days_ago": 72,
                "body": "The falls team would love this too. Could our physios use the same form?",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "wayne",
                "kind": "offer",
                "days_ago": 71,
                "body": "About a fifth of the addresses will be Fernlea homes, where we do these jobs ourselves. I can "
                "give 2 hours a week to route those to our repairs team so nobody waits twice.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
            {
                "by": "marek",
                "kind": "question",
                "days_ago": 70,
                "body": "What would it cost? Does the handyperson service charge, or do we need to find money for "
                "materials?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "callum",
                        "kind": "build",
                        "days_ago": 69,
                        "body": "Labour is already funded. Materials average about £25 a job, so roughly £6,000 a year, "
                        "which the prevention budget can cover.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
        "project": "handyperson-direct",
    },
    {
        "key": "damp-sensors",
        "title": "Fit humidity sensors in the 200 Fernlea homes with the worst history of damp and mould",
        "problem": "At Fernlea we usually find out about damp and mould when a tenant complains, and by then it's "
        "often on the walls, the clothes and the children's bedding. About 200 of our homes have had mould treated "
        "more than once in three years, and several of the families living in them have children with asthma.",
        "proposal": "Fit a small humidity and temperature sensor (about £35 each) in those 200 homes, with the "
        "tenant's agreement. If humidity stays above 70% for three days, the surveyor gets an alert and calls the "
        "tenant to arrange a visit, with practical advice and a ventilation check.",
        "benefit": "Problems caught months earlier. A major mould treatment costs about £1,200, so avoiding 50 a "
        "year would save around £60,000, as well as GP visits and days off school.",
        "tags": ["damp", "housing", "digital"],
        "author": "zofia",
        "stage": "in_project",
        "days_ago": 88,
        "supporters": [
            "wayne",
            "leanne",
            "precious",
            "callum",
            "ellie",
            "claire",
            "amira",
            "ravi",
            "helen",
            "rhiannon",
            "hannah",
            "marek",
            "siobhan",
        ],
        "responses": [
            {
                "by": "callum",
                "kind": "build",
                "days_ago": 87,
                "body": "Yes, and the council sees the same problem in private rented homes. If this works, the data "
                "would help us target landlord inspections.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "ellie",
                "kind": "build",
                "days_ago": 86,
                "body": "Health visitors and district nurses would love to know which homes have a sensor, so we can "
                "back up the advice when we visit.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "ravi",
                "kind": "concern",
                "days_ago": 85,
                "body": "Some tenants may feel watched, and humidity readings can show when people are at home.",
                "suggestion": "Make it opt-in with a plain-English explanation, collect only humidity and temperature, "
                "let tenants see their own readings, and delete the data after 12 months.",
                "hours": None,
                "replies": [
                    {
                        "by": "zofia",
                        "kind": "build",
                        "days_ago": 84,
                        "body": "Agreed on all four. We'll build the tenant view first, so it's their tool, not ours.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "precious",
                "kind": "offer",
                "days_ago": 84,
                "body": "I can give 2 hours a week to visit tenants with the surveyor, explain the sensor, and make sure "
                "people with little English or no internet still get the benefit.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
        ],
        "project": "damp-mould-together",
    },
    {
        "key": "damp-one-visit",
        "title": "One visit, not three: joint damp and mould inspections by the council and Fernlea",
        "problem": "A family living with mould in a Fernlea home can get a visit from a Fernlea surveyor, another "
        "from a council environmental health officer and a third from a health visitor, each asking the same "
        "questions and taking the same photos. The family tells their story three times and still gets three "
        "separate letters.",
        "proposal": "Do one joint inspection with a shared checklist, with the Fernlea surveyor and the council "
        "officer going together when both are needed. Write one report, shared with the tenant and, with their "
        "consent, with their health visitor or GP.",
        "benefit": "About two fewer visits per case across roughly 120 cases a year (around 250 officer hours), "
        "and faster, clearer action for families.",
        "tags": ["damp", "housing", "data sharing"],
        "author": "callum",
        "stage": "in_project",
        "days_ago": 70,
        "supporters": [
            "zofia",
            "wayne",
            "leanne",
            "ellie",
            "claire",
            "sean",
            "amira",
            "precious",
            "helen",
        ],
        "responses": [
            {
                "by": "zofia",
                "kind": "build",
                "days_ago": 69,
                "body": "Yes, and with the same checklist we'd finally speak the same language about how serious a case "
                "is, which we don't at the moment.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "leanne",
                "kind": "question",
                "days_ago": 68,
                "body": "Who owns the joint report, and who does the tenant call if they disagree with it?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "callum",
                        "kind": "build",
                        "days_ago": 67,
                        "body": "I'd suggest Fernlea owns it for its own homes, with the council named as co-author. "
                        "The tenant calls their Fernlea surveyor first.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "wayne",
                "kind": "build",
                "days_ago": 67,
                "body": "Repairs can join the visit when there's an obvious defect, so we can quote and book the work "
                "before we leave.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "claire",
                "kind": "build",
                "days_ago": 66,
                "body": "District nurses would happily use the checklist too when we see mould in a patient's home.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "project": "damp-mould-together",
    },
    {
        "key": "falls-one-form",
        "title": "One shared referral form for falls prevention",
        "problem": "Someone worried about a person's risk of falling can refer to four places: the falls clinic, "
        "council OT, the community alarm service and Fernlea adaptations. Each has its own form. Referrers pick "
        "the wrong one and about **one in four** referrals is bounced, adding weeks to the wait.",
        "proposal": "- One short online referral form for falls prevention, used by all four services\n"
        "- A weekly 30-minute joint huddle that sends every referral to the right service (or several)\n"
        "- One reply to the referrer saying who will be in touch",
        "benefit": "Far fewer bounced referrals, about 250 staff hours a year saved on re-keying and chasing, and "
        "people seen weeks sooner.",
        "tags": ["community health", "social care", "data sharing"],
        "author": "hannah",
        "stage": "in_project",
        "days_ago": 64,
        "supporters": [
            "martin",
            "callum",
            "ellie",
            "claire",
            "jamal",
            "grace",
            "sarah",
            "leanne",
            "tunde",
            "chloe",
            "precious",
        ],
        "responses": [
            {
                "by": "martin",
                "kind": "build",
                "days_ago": 63,
                "body": "Yes, and an OT could join the huddle on Mondays, so anything needing adaptations is picked up "
                "the same week.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "chloe",
                "kind": "offer",
                "days_ago": 62,
                "body": "I can build the form on our online forms platform and make sure it works on a phone and with "
                "a screen reader. Around 3 hours a week.",
                "suggestion": None,
                "hours": 3,
                "replies": [],
            },
            {
                "by": "grace",
                "kind": "concern",
                "days_ago": 61,
                "body": "Sharing referral details across four services in three organisations needs a clear legal "
                "basis, or we'll be stuck in information governance for months.",
                "suggestion": "Use the existing regional information sharing agreement for health and social care, add "
                "a plain consent question at the top of the form, and bring in the information governance leads from "
                "all three organisations at the start.",
                "hours": None,
                "replies": [
                    {
                        "by": "hannah",
                        "kind": "build",
                        "days_ago": 60,
                        "body": "Thank you, Grace. I'll invite the IG leads to the first huddle.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "callum",
                "kind": "build",
                "days_ago": 60,
                "body": "The home improvement agency would be glad to be one of the services. We get a lot of referrals "
                "meant for Fernlea, and they get ours.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "project": "one-falls-form",
    },
    {
        "key": "electric-car-club",
        "title": "Turn the council's pool cars into an electric car club shared with the health board",
        "problem": "The council has 42 pool cars, in use on average 38% of the working day. Meanwhile health board "
        "community staff drive about **1.1 million miles a year** in their own cars, claimed at 45p a mile, much "
        "of it in older diesels.",
        "proposal": "Turn the pool cars into a shared electric car club at four sites (Riverside House, Riverside "
        "General, Northgate Health Centre and the Mill Lane depot), bookable by staff from both organisations "
        "through one app. Replace cars with electric ones as their leases end.",
        "benefit": "Around £90,000 a year less in mileage claims and about 210 tonnes of CO2 saved a year, with "
        "fewer cars overall.",
        "tags": ["carbon", "transport", "estates"],
        "author": "aisha",
        "stage": "in_project",
        "days_ago": 58,
        "supporters": ["marek", "tunde", "karen", "dave", "helen", "rhiannon", "ravi"],
        "responses": [
            {
                "by": "marek",
                "kind": "build",
                "days_ago": 57,
                "body": "The numbers look right to me. I'd add that a pool car is cheaper than a private car for any "
                "day with more than about 20 miles of visits.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "ellie",
                "kind": "concern",
                "days_ago": 56,
                "body": "District nurses need a car for the whole day, with room for equipment in the boot, and can't "
                "wait for a booking to come free.",
                "suggestion": "Pilot with teams whose visits are planned a week ahead, and keep a block of cars "
                "reserved for nursing teams at each site.",
                "hours": None,
                "replies": [
                    {
                        "by": "aisha",
                        "kind": "build",
                        "days_ago": 55,
                        "body": "Makes sense. We'll start with social work, OT and planning teams.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "karen",
                "kind": "offer",
                "days_ago": 55,
                "body": "There's a regional framework for car club services that both organisations can use, so no "
                "full tender. I can give 2 hours a week to run the call-off.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
            {
                "by": "tunde",
                "kind": "build",
                "days_ago": 54,
                "body": "Yes, and the health board's estates team is putting charging points into Northgate next year, "
                "so the timing is good.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "project": "car-club",
    },
    # ------------------------------------------------------------------ shortlisted
    {
        "key": "repairs-two-hour-slots",
        "title": "Let tenants book repair appointments online in two-hour slots",
        "problem": "We offer tenants a morning or afternoon repair appointment, so most wait in for half a day and "
        "many take time off work. **One in six** appointments ends in 'no access', which is about 1,800 wasted "
        "trips a year and a repair the tenant has to rebook.",
        "proposal": "Offer two-hour slots, bookable online or by phone, with a text when the operative is on the "
        "way. Start with the most common jobs (leaks, doors, electrics), where we know how long a job takes.",
        "benefit": "Half the no-access visits (about 900 fewer wasted trips, roughly £45,000 a year) and tenants "
        "get their day back.",
        "tags": ["housing", "digital"],
        "author": "wayne",
        "stage": "shortlisted",
        "days_ago": 30,
        "supporters": [
            "zofia",
            "leanne",
            "precious",
            "chloe",
            "dave",
            "amira",
            "callum",
            "sean",
            "ellie",
            "helen",
            "ravi",
        ],
        "responses": [
            {
                "by": "precious",
                "kind": "build",
                "days_ago": 29,
                "body": "Yes, and let tenants add a note such as 'I care for my mum, please ring when you're 10 minutes "
                "away'. It makes a big difference.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "chloe",
                "kind": "build",
                "days_ago": 29,
                "body": "We did exactly this for bulky waste collections last year and no-shows fell by half. Happy to "
                "share what we learned.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "sean",
                "kind": "question",
                "days_ago": 28,
                "body": "Could the 'on the way' text include the operative's name and photo? Older tenants are wary of "
                "bogus callers.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "wayne",
                        "kind": "build",
                        "days_ago": 27,
                        "body": "Yes, our scheduling system can do that. Good idea.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "dave",
                "kind": "build",
                "days_ago": 27,
                "body": "Our bin day texts worked really well. People read texts. Go for it.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    {
        "key": "discharge-family-line",
        "title": "One phone number for families asking when their relative is coming home from hospital",
        "problem": "On Beech Ward we take around 40 calls a day from families, most asking 'when is Mum coming "
        "home?'. Families get different answers from the ward, the social worker and the care agency, and each "
        "call takes a nurse away from patients for 5 to 10 minutes.",
        "proposal": "One phone number and inbox for families asking about discharge, answered by the discharge "
        "hub, which can see the whole plan: medical, social care, transport and medicines. Wards give families "
        "the number on admission.",
        "benefit": "About an hour of nursing time per ward per day (around 4,000 hours a year across 12 wards), "
        "consistent answers for families and fewer complaints.",
        "tags": ["discharge", "community health"],
        "author": "mohammed",
        "stage": "shortlisted",
        "days_ago": 25,
        "supporters": [
            "sarah",
            "grace",
            "chloe",
            "ellie",
            "tunde",
            "rhiannon",
            "leanne",
            "hannah",
            "helen",
            "amira",
        ],
        "responses": [
            {
                "by": "grace",
                "kind": "build",
                "days_ago": 24,
                "body": "Yes, and if the hub can see the social care plan, families won't need to chase us separately.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "chloe",
                "kind": "offer",
                "days_ago": 23,
                "body": "The contact centre has call scripts and a knowledge base we built for council services. I can "
                "give 2 hours a week to help set up the scripts and the call handling.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
            {
                "by": "sarah",
                "kind": "build",
                "days_ago": 23,
                "body": "The discharge hub could do this if we move one coordinator onto the line at the busiest times "
                "(11am to 3pm).",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "leanne",
                "kind": "question",
                "days_ago": 22,
                "body": "Could the line also take calls from housing officers when a tenant's home isn't ready for them "
                "to go back to?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "mohammed",
                        "kind": "build",
                        "days_ago": 21,
                        "body": "Yes, that's exactly the kind of delay we want to hear about early.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    {
        "key": "agency-staff-framework",
        "title": "Book agency social workers and therapists through one framework shared with the health board",
        "problem": "The council spends about **£1.9 million a year** on agency social workers, and the health board "
        "spends heavily on agency therapists. We book through different agencies on different terms, and agencies "
        "can play us off against each other on rates.",
        "proposal": "Set up one joint agency framework with an agreed rate card for social work and therapy roles, "
        "used by both organisations, and share a monthly view of who we're booking, where and at what rate.",
        "benefit": "A 5% saving on agency spend would be about £95,000 a year for the council and £40,000 a year "
        "for the health board, plus a clearer picture of where we depend on agency staff.",
        "tags": ["procurement", "workforce", "social care"],
        "author": "marek",
        "stage": "shortlisted",
        "days_ago": 34,
        "supporters": ["karen", "tunde", "rhiannon", "helen", "siobhan", "sarah"],
        "responses": [
            {
                "by": "grace",
                "kind": "concern",
                "days_ago": 33,
                "body": "Some of our teams couldn't run without agency staff right now. If the rate card is too tight, "
                "good locums will simply go to the next county.",
                "suggestion": "Pair the rate card with a 'grow our own' route (student placements, conversion to "
                "permanent posts) and allow agreed exceptions for hard-to-fill roles, reviewed every quarter.",
                "hours": None,
                "replies": [
                    {
                        "by": "marek",
                        "kind": "build",
                        "days_ago": 32,
                        "body": "Agreed. The aim is fewer surprises, not a race to the bottom.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "karen",
                "kind": "build",
                "days_ago": 32,
                "body": "Yes, and there's a national framework for temporary staff that both of us can call off, so we "
                "don't need our own tender.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "tunde",
                "kind": "build",
                "days_ago": 31,
                "body": "The health board's workforce team would welcome this. I'll introduce you to our head of "
                "temporary staffing.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "rhiannon",
                "kind": "question",
                "days_ago": 30,
                "body": "Could we ask agencies to let their staff take permanent jobs with us after a year without a "
                "transfer fee?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "karen",
                        "kind": "build",
                        "days_ago": 29,
                        "body": "Worth asking. Some frameworks already cap the fee after 12 weeks.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    {
        "key": "school-minibuses-midday",
        "title": "Use school transport minibuses between school runs for outpatient and day-centre trips",
        "problem": "The council runs 38 minibuses for school transport, and most sit in the depot between about "
        "9:30am and 2:45pm. Meanwhile the health board's patient transport service is stretched, and outpatients "
        "who can't get there miss appointments: each missed appointment costs about £120.",
        "proposal": "Pilot four council minibuses on day-centre and outpatient runs in the middle of the day, "
        "booked through the patient transport service. Drivers who want extra hours work a split shift.",
        "benefit": "Around 2,000 extra trips a year from vehicles we already own, fewer missed appointments and "
        "fewer taxis.",
        "tags": ["transport", "community health", "carbon"],
        "author": "karen",
        "stage": "shortlisted",
        "days_ago": 27,
        "supporters": ["aisha", "sarah", "mohammed", "hannah", "tunde", "marek", "nadia", "helen"],
        "responses": [
            {
                "by": "aisha",
                "kind": "concern",
                "days_ago": 26,
                "body": "Insurance, drivers' hours and cleaning between school and patient runs all need sorting, and "
                "a breakdown at lunchtime could leave children stranded in the afternoon.",
                "suggestion": "Start with two vehicles and drivers who volunteer for split shifts, check the insurance "
                "with our fleet insurer first, and keep a spare vehicle so school runs always come first.",
                "hours": None,
                "replies": [],
            },
            {
                "by": "sarah",
                "kind": "build",
                "days_ago": 26,
                "body": "Yes, and the discharge lounge could use a lunchtime run too. Patients waiting for transport "
                "home are one of our daily headaches.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "mohammed",
                "kind": "build",
                "days_ago": 25,
                "body": "Add day-hospital patients from the frailty unit: they come in at 10 and go home at 2, which "
                "fits perfectly.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "tunde",
                "kind": "offer",
                "days_ago": 24,
                "body": "I can give 2 hours a week to work out the booking side with our patient transport managers.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
        ],
    },
    {
        "key": "damp-advice-languages",
        "title": "Plain-English damp and mould advice, co-written with tenants, in the eight most spoken languages",
        "problem": "Our damp and mould advice is a four-page leaflet full of jargon ('condensation', 'adequate "
        "ventilation') and only in English. Tenants tell us it feels like we're blaming them. About a fifth of the "
        "households with repeat mould speak a language other than English at home.",
        "proposal": "Rewrite the advice with a group of tenants as one plain-English page with pictures, focused on "
        "what to do and when to call us. Translate it into the eight most spoken languages in our homes, and make "
        "a short video version.",
        "benefit": "Tenants act earlier and call us sooner, so fewer repeat mould cases. The council and health "
        "visitors could use the same version.",
        "tags": ["damp", "housing", "digital inclusion"],
        "author": "leanne",
        "stage": "shortlisted",
        "days_ago": 22,
        "supporters": [
            "zofia",
            "precious",
            "callum",
            "ellie",
            "nadia",
            "claire",
            "wayne",
            "amira",
            "hannah",
        ],
        "responses": [
            {
                "by": "zofia",
                "kind": "build",
                "days_ago": 21,
                "body": "Yes, and I'd be happy to sit in on the tenant group to answer the technical questions.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "callum",
                "kind": "build",
                "days_ago": 21,
                "body": "The council would use the same leaflet for private renters. No point writing our own.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "precious",
                "kind": "offer",
                "days_ago": 20,
                "body": "I'll give 2 hours a week to find tenants for the group and run the sessions. Several of our "
                "Polish- and Arabic-speaking tenants have offered to check the translations.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
            {
                "by": "ellie",
                "kind": "build",
                "days_ago": 19,
                "body": "Health visitors and district nurses would hand these out. A fridge magnet version would be "
                "even better.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    {
        "key": "shared-asb-notes",
        "title": "Shared case notes for anti-social behaviour between council community safety and Fernlea",
        "problem": "When a Fernlea tenant reports anti-social behaviour, we often end up with two case files for "
        "the same household: one at Fernlea and one in the council's case system. Victims repeat their story to "
        "both, actions get duplicated or missed, and nobody has the whole risk picture.",
        "proposal": "Give named Fernlea tenancy officers access to joint cases in the council's anti-social "
        "behaviour case system, and hold a monthly joint review of the highest-risk cases.",
        "benefit": "Victims tell their story once, we act faster, and about 20 joint cases a month get one shared "
        "plan.",
        "tags": ["community safety", "data sharing", "housing"],
        "author": "sean",
        "stage": "shortlisted",
        "days_ago": 28,
        "supporters": ["leanne", "precious", "nadia", "amira", "callum", "helen", "zofia"],
        "responses": [
            {
                "by": "leanne",
                "kind": "build",
                "days_ago": 27,
                "body": "Yes, and we could agree one risk assessment, so we stop scoring the same case differently.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "precious",
                "kind": "concern",
                "days_ago": 26,
                "body": "Victims sometimes tell us things in confidence that they don't want the other organisation to "
                "know, especially when the perpetrator is a family member.",
                "suggestion": "Do a data protection impact assessment first, ask victims what can be shared, and keep "
                "sensitive notes restricted to named officers.",
                "hours": None,
                "replies": [
                    {
                        "by": "sean",
                        "kind": "build",
                        "days_ago": 25,
                        "body": "Absolutely. We'll ask at the first contact and record the victim's choice on the case.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "ravi",
                "kind": "offer",
                "days_ago": 25,
                "body": "I can set up the partner accounts and a restricted notes field in the case system. About "
                "3 hours a week for a month.",
                "suggestion": None,
                "hours": 3,
                "replies": [],
            },
            {
                "by": "amira",
                "kind": "build",
                "days_ago": 24,
                "body": "Housing options would find this useful too, when anti-social behaviour is the reason someone "
                "asks to move.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    {
        "key": "reablement-timesheets",
        "title": "Replace paper timesheets for reablement carers with the phone app we already pay for",
        "problem": "Our 120 reablement carers fill in paper timesheets every week. Two admin staff key them into "
        "payroll by hand, errors are common and some carers get paid late. Carers also drive back to the office "
        "just to drop them off.",
        "proposal": "Switch on the electronic timesheet module in the rostering app our carers already use on their "
        "phones. It's part of our current licence; we just never turned it on.",
        "benefit": "About 1,500 admin hours a year saved, fewer pay errors and fewer trips to the office for carers.",
        "tags": ["social care", "digital", "workforce"],
        "author": "grace",
        "stage": "shortlisted",
        "days_ago": 19,
        "supporters": ["martin", "marek", "ravi", "chloe", "siobhan", "claire", "ellie", "karen"],
        "responses": [
            {
                "by": "marek",
                "kind": "build",
                "days_ago": 18,
                "body": "I've checked the contract: the module is in the licence at no extra cost. This could be the "
                "easiest saving we see all year.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "ravi",
                "kind": "build",
                "days_ago": 18,
                "body": "Yes, and the data can feed straight into payroll, so nobody keys anything in.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "karen",
                "kind": "question",
                "days_ago": 17,
                "body": "Is there a training or set-up charge from the supplier? Sometimes 'included' covers the "
                "licence but not the work.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "grace",
                        "kind": "build",
                        "days_ago": 16,
                        "body": "I'll ask them this week and post the answer here.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "claire",
                "kind": "concern",
                "days_ago": 16,
                "body": "Mobile signal in the villages in the north of the borough is poor, so carers may not be able "
                "to submit from the home.",
                "suggestion": "Check the app works offline and syncs later, and keep a paper fallback for the first "
                "three months.",
                "hours": None,
                "replies": [],
            },
        ],
    },
    {
        "key": "warm-spaces-nurses",
        "title": "Give district nurses and social prescribers the live list of warm spaces",
        "problem": "The council keeps an up-to-date list of warm spaces (libraries, churches, community centres), "
        "but it's only on the website. District nurses and social prescribers visit older people in cold homes "
        "every day and either don't know the list exists or print an old one.",
        "proposal": "Send the warm spaces list every week to the health board's social prescribing directory, and "
        "print a pocket card for nurses with the ten nearest places in each area, their opening times and whether "
        "they offer a hot meal.",
        "benefit": "More people in cold homes reach a warm, friendly place, fewer cold-related admissions over "
        "winter, and more visitors for the volunteers who run warm spaces.",
        "tags": ["community health", "volunteering"],
        "author": "nadia",
        "stage": "shortlisted",
        "days_ago": 15,
        "supporters": ["ellie", "claire", "precious", "leanne", "tunde", "sean"],
        "responses": [
            {
                "by": "ellie",
                "kind": "build",
                "days_ago": 14,
                "body": "Yes please. Last week I saw a patient who'd been sitting in her coat all day. I'd have loved "
                "a card to give her.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "claire",
                "kind": "build",
                "days_ago": 13,
                "body": "Could the card say which warm spaces have step-free access? Many of our patients use frames.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "tunde",
                "kind": "offer",
                "days_ago": 12,
                "body": "I'll give an hour a week to get the weekly feed set up with our social prescribing team.",
                "suggestion": None,
                "hours": 1,
                "replies": [],
            },
            {
                "by": "precious",
                "kind": "build",
                "days_ago": 12,
                "body": "Fernlea's tenancy officers could hand the cards out on their winter welfare calls too.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    # ------------------------------------------------------------------ parked
    {
        "key": "hotdesk-community-hospitals",
        "title": "Let council social workers and OTs hot-desk in the health board's community hospitals",
        "problem": "Council social workers and OTs who cover the community hospitals drive back to Riverside House "
        "to write up notes between visits, often 40 minutes each way. Health board staff in the same hospitals "
        "have spare desks most afternoons.",
        "proposal": "Let council adult social care staff hot-desk in the three community hospitals, with guest "
        "wifi access to council systems and a locker each. Start with four desks per site.",
        "benefit": "Up to 80 minutes of travel saved per person per day, quicker write-ups, and easier "
        "conversations with hospital colleagues about shared patients.",
        "tags": ["estates", "social care", "workforce"],
        "author": "martin",
        "stage": "parked",
        "days_ago": 62,
        "supporters": ["grace", "tunde", "sarah", "ellie", "hannah"],
        "responses": [
            {
                "by": "tunde",
                "kind": "build",
                "days_ago": 61,
                "body": "Yes, and our estates team has been asking how to use the empty afternoon desks. I'll pass "
                "this on.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "sarah",
                "kind": "build",
                "days_ago": 60,
                "body": "Having social workers on site would make the daily discharge huddle so much easier.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "marek",
                "kind": "question",
                "days_ago": 59,
                "body": "Would the health board charge the council for the desks? If so, it needs to cost less than "
                "the mileage we'd save.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "tunde",
                        "kind": "build",
                        "days_ago": 58,
                        "body": "I'd expect a small recharge at most. Happy to work it out together.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "ellie",
                "kind": "build",
                "days_ago": 57,
                "body": "Please include the district nursing base at Northgate too. We have the same spare desks.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "reason": "Parked until the health board's estates review reports in the spring: two of the three "
        "community hospitals may change use, and we don't want to move social workers in and then out again. "
        "Everyone who responded agreed it is worth doing once the buildings are settled.",
        "revisit_in_days": 45,
    },
    {
        "key": "night-wardens",
        "title": "Volunteer night wardens in the town centre on Friday and Saturday nights",
        "problem": "Friday and Saturday nights in the town centre bring a steady stream of people who need help but "
        "not the police: someone too drunk to get home, a young person who has lost their friends, someone in "
        "distress. Police and ambulance time is used up on things a calm, trained volunteer could sort out.",
        "proposal": "Recruit and train volunteer night wardens, working in pairs from 10pm to 3am on Friday and "
        "Saturday nights, linked by radio to the council's CCTV room. They help people get home safely and call "
        "the right service when it's needed.",
        "benefit": "Fewer low-level calls to police and ambulance, safer nights out, and a visible, friendly "
        "presence in the town centre.",
        "tags": ["community safety", "volunteering"],
        "author": "sean",
        "stage": "parked",
        "days_ago": 90,
        "supporters": ["nadia", "amira", "chloe", "dave", "leanne", "helen"],
        "responses": [
            {
                "by": "nadia",
                "kind": "offer",
                "days_ago": 89,
                "body": "I can recruit and support the volunteers, around 3 hours a week. Similar schemes in other "
                "towns have found volunteers easily.",
                "suggestion": None,
                "hours": 3,
                "replies": [],
            },
            {
                "by": "mohammed",
                "kind": "build",
                "days_ago": 88,
                "body": "A&E sees a lot of Friday night patients who just needed someone to help them get home. "
                "Anything that helps there has my support.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "chloe",
                "kind": "question",
                "days_ago": 87,
                "body": "Who would the volunteers call in the night if someone needs social care or emergency housing?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "sean",
                        "kind": "build",
                        "days_ago": 86,
                        "body": "The out-of-hours duty teams. Every pair would carry a short contact card.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "leanne",
                "kind": "build",
                "days_ago": 85,
                "body": "Fernlea has a block of flats right on the high street, and the tenants there would welcome this.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "reason": "Parked until we know the outcome of the Safer Streets funding bid: without it we can't pay for "
        "volunteer training, radios and a coordinator. If the bid fails, we'll look at a smaller version with the "
        "town centre business partnership.",
        "revisit_in_days": -3,
    },
    {
        "key": "volunteer-discharge-drivers",
        "title": "Volunteer drivers to take patients home from the discharge lounge and settle them in",
        "problem": "Patients who are ready to go home often wait hours in the discharge lounge for transport, and "
        "some stay another night because the last patient transport has gone. Many only need a lift and a "
        "friendly face to settle them in at home.",
        "proposal": "Recruit volunteer drivers, with proper checks and training, to take patients who can walk "
        "home from the discharge lounge, help them in, put the heating on and check there's food in the house.",
        "benefit": "Fewer people stuck in the lounge or kept overnight, and a kinder welcome home. Even five extra "
        "discharges a week would free about 250 bed days a year.",
        "tags": ["discharge", "volunteering", "transport"],
        "author": "nadia",
        "stage": "parked",
        "days_ago": 41,
        "supporters": ["sarah", "mohammed", "precious", "leanne", "tunde", "rhiannon", "jamal"],
        "responses": [
            {
                "by": "sarah",
                "kind": "build",
                "days_ago": 40,
                "body": "Yes, and the 'settle in' part is the bit patient transport can't do. It could cut "
                "readmissions too.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "mohammed",
                "kind": "build",
                "days_ago": 40,
                "body": "On Beech Ward at least two patients a week miss the last transport. This would help them.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "karen",
                "kind": "concern",
                "days_ago": 39,
                "body": "A separate volunteer driver scheme needs insurance, mileage payments and safeguarding checks, "
                "and we already fund a voluntary sector transport scheme.",
                "suggestion": "Build volunteer discharge drives into the voluntary sector transport contract when it's "
                "re-tendered, rather than running a second scheme alongside it.",
                "hours": None,
                "replies": [
                    {
                        "by": "nadia",
                        "kind": "build",
                        "days_ago": 39,
                        "body": "That makes sense. I'd like to keep the 'settle in' part in the specification.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "precious",
                "kind": "build",
                "days_ago": 39,
                "body": "If we know a Fernlea tenant is coming home, we can make sure the home is warm and safe on "
                "the day.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "reason": "Parked at the end of the 'Home when ready' sprint: the voluntary sector transport contract is "
        "re-tendered this summer, and volunteer discharge drives (with the 'settle in' visit) should be written "
        "into that specification rather than run as a separate scheme.",
        "revisit_in_days": 30,
    },
    {
        "key": "shared-digital-apprentices",
        "title": "A shared digital apprenticeship that rotates through the council, the health board and Fernlea",
        "problem": "All three organisations struggle to recruit junior digital and data staff, and each runs its "
        "own small apprenticeship scheme. Apprentices only ever see one organisation's systems, and many leave "
        "when the scheme ends.",
        "proposal": "Create a shared digital apprenticeship: each apprentice spends eight months in each of the "
        "council, the health board and Fernlea over two years, with one training provider and one mentor network.",
        "benefit": "Apprentices with broader skills and a network across organisations, easier recruitment, and "
        "a growing pool of people who understand how our systems connect.",
        "tags": ["digital", "workforce"],
        "author": "ravi",
        "stage": "parked",
        "days_ago": 80,
        "supporters": ["chloe", "tunde", "precious", "siobhan"],
        "responses": [
            {
                "by": "tunde",
                "kind": "build",
                "days_ago": 79,
                "body": "Yes, and the health board's digital team would love apprentices who already understand "
                "council data.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "precious",
                "kind": "build",
                "days_ago": 78,
                "body": "Fernlea could offer real projects in digital inclusion and on the repairs portal.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "chloe",
                "kind": "build",
                "days_ago": 77,
                "body": "A few weeks in the contact centre would be great too: apprentices would hear what residents "
                "struggle with.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "marek",
                "kind": "question",
                "days_ago": 76,
                "body": "Who employs the apprentice and pays the salary, and how does the apprenticeship levy work "
                "across three employers?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "ravi",
                        "kind": "build",
                        "days_ago": 75,
                        "body": "Good question. Each employer could pay for its eight months, with the council as lead "
                        "employer. I'll check the levy rules with HR.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
        "reason": "Parked until next year's apprenticeship budgets are confirmed in March. HR in all three "
        "organisations support the idea, but none of us can commit salaries before then.",
        "revisit_in_days": 75,
    },
    # ------------------------------------------------------------------ not taken forward
    {
        "key": "discharge-lounge-late",
        "title": "Keep the discharge lounge open until 10pm on weekdays",
        "problem": "The discharge lounge closes at 6pm. Patients who are ready to leave later in the day, often "
        "after a late ward round or a care package confirmed in the afternoon, have to stay another night on the "
        "ward.",
        "proposal": "Keep the discharge lounge open until 10pm on weekdays, with one nurse and one healthcare "
        "assistant, and add a late patient transport run at 8pm.",
        "benefit": "Perhaps 8 to 10 extra discharges a week, freeing ward beds for the next morning's admissions.",
        "tags": ["discharge", "workforce"],
        "author": "mohammed",
        "stage": "not_taken_forward",
        "days_ago": 41,
        "supporters": ["sarah", "grace", "jamal"],
        "responses": [
            {
                "by": "sarah",
                "kind": "question",
                "days_ago": 40,
                "body": "Do we know how many patients are actually waiting for the lounge after 6pm, rather than for "
                "something else like medicines or a care package?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "mohammed",
                        "kind": "build",
                        "days_ago": 40,
                        "body": "Not properly. Could we count it during the sprint?",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "grace",
                "kind": "build",
                "days_ago": 39,
                "body": "Yes, and if the lounge stays open, the social care duty team could take late calls to confirm "
                "packages the same evening.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "marek",
                "kind": "question",
                "days_ago": 39,
                "body": "What would the extra staffing cost for a full year?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "mohammed",
                        "kind": "build",
                        "days_ago": 38,
                        "body": "About £150,000 a year for a nurse and a healthcare assistant, plus the transport run.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "tunde",
                "kind": "build",
                "days_ago": 38,
                "body": "Let's test it properly in the sprint: audit every delayed patient this week and see what they "
                "were really waiting for.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "reason": "Not taken forward: the sprint audit of 80 delayed patients found only 6% were waiting for the "
        "lounge or transport, while 61% were waiting for a package of care and 18% for medicines. Late opening "
        "would cost about £150,000 a year without touching the main causes of delay. We would look again if "
        "lounge or transport waits rose above 15% of all delays.",
    },
    {
        "key": "missed-bin-app",
        "title": "Build a Riverside app for reporting missed bins",
        "problem": "Reporting a missed bin on the website takes 11 questions and doesn't remember your address. "
        "People give up halfway and ring us instead, or don't report it at all and the bin sits there for another "
        "fortnight.",
        "proposal": "Build a Riverside app for bin reporting: save your address once, report a missed bin in two "
        "taps, and get a notification when the crew has been back.",
        "benefit": "Easier reporting, fewer phone calls, and better data for the crews about which streets are "
        "really being missed.",
        "tags": ["waste", "digital"],
        "author": "dave",
        "stage": "not_taken_forward",
        "days_ago": 66,
        "supporters": ["aisha", "sean"],
        "responses": [
            {
                "by": "chloe",
                "kind": "build",
                "days_ago": 65,
                "body": "The pain is real: 'the form is too long' is one of the top five complaints in the contact "
                "centre.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "ravi",
                "kind": "question",
                "days_ago": 64,
                "body": "81% of missed-bin reports already come in on phones through the web form. Would people "
                "download an app for something they do two or three times a year?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "dave",
                        "kind": "build",
                        "days_ago": 63,
                        "body": "Fair point. I mostly want it to be quicker; I'm not fussed how.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "marek",
                "kind": "concern",
                "days_ago": 63,
                "body": "A separate app would cost about £60,000 to build and £12,000 a year to keep up to date in "
                "both app stores.",
                "suggestion": "Fix the web form first: cut it to four questions, remember the address, and send a text "
                "when the crew returns. Compare the cost of that before deciding on an app.",
                "hours": None,
                "replies": [],
            },
            {
                "by": "siobhan",
                "kind": "build",
                "days_ago": 62,
                "body": "Thank you for raising this, Dave: the problem is clearly worth solving. Ravi and Chloe, could "
                "you size the web form fix so we can compare the two?",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
        "reason": "Not taken forward as an app: 81% of reports already come from phones through the web form, and "
        "an app would cost about £60,000 to build plus £12,000 a year. The problem Dave raised is being fixed a "
        "cheaper way: the web form is being cut from 11 questions to 4, with a text when the crew returns. We "
        "would reconsider an app if the shorter form's completion rate stays below 70%.",
    },
    {
        "key": "council-tax-chatbot",
        "title": "Answer council tax enquiries with a chatbot instead of the phone line after 5pm",
        "problem": "The council tax phone line costs about £380,000 a year to run. Many calls are simple questions "
        "(how do I pay, when is my next instalment, how do I tell you I've moved) that could be answered online "
        "at any time.",
        "proposal": "Put a chatbot on the council tax pages to answer the most common questions, and replace the "
        "phone line after 5pm and on Saturday mornings with the chatbot and a call-back request.",
        "benefit": "Perhaps 10% fewer calls, saving about £38,000 a year, with answers available around the clock.",
        "tags": ["digital", "digital inclusion"],
        "author": "marek",
        "stage": "not_taken_forward",
        "days_ago": 84,
        "supporters": ["ravi"],
        "responses": [
            {
                "by": "chloe",
                "kind": "question",
                "days_ago": 83,
                "body": "Our call data shows only 4% of council tax calls come after 5pm or on Saturdays. Is the saving "
                "really there?",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "precious",
                "kind": "concern",
                "days_ago": 82,
                "body": "A lot of older tenants and people with learning disabilities won't use a chatbot and would be "
                "left waiting until the next day.",
                "suggestion": "Keep a phone route for anyone who needs one, and put the effort into clearer web pages "
                "so fewer people need to ring at all.",
                "hours": None,
                "replies": [],
            },
            {
                "by": "ravi",
                "kind": "build",
                "days_ago": 81,
                "body": "Last year's chatbot pilot on the planning pages answered only 46% of questions correctly. If "
                "we try again, it should be on a narrow set of questions with a clear 'talk to a person' button.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "nadia",
                "kind": "concern",
                "days_ago": 80,
                "body": "People who call late are often the ones in crisis, worried about arrears or a summons.",
                "suggestion": "Send any 'I can't pay' question straight to a next-morning call-back from the "
                "financial inclusion team, whichever channel it comes in on.",
                "hours": None,
                "replies": [
                    {
                        "by": "marek",
                        "kind": "build",
                        "days_ago": 79,
                        "body": "That's a really good point, Nadia, and worth doing whatever happens to this idea.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
        "reason": "Not taken forward: only 4% of council tax calls come after 5pm or on Saturdays, so the saving "
        "would be nearer £15,000 than £38,000, and last year's chatbot pilot answered fewer than half of questions "
        "correctly. Responders also showed the risk to people who can't or won't use a chatbot. The money is better "
        "spent on clearer web pages and the call-back service. We would look again if a tested product can answer "
        "at least 80% of questions correctly with an easy route to a person.",
    },
    {
        "key": "shared-drone",
        "title": "Buy a shared drone for roof and gutter surveys",
        "problem": "Checking a roof or a blocked gutter on a block of flats usually means hiring scaffolding or a "
        "cherry picker, at £600 to £1,500 a time, just to look. Both Fernlea and the council's building surveyors "
        "do this regularly.",
        "proposal": "Buy a survey drone (about £8,000) shared between Fernlea and the council, with two trained "
        "pilots in each organisation and a simple booking diary.",
        "benefit": "Fewer scaffold hires just to inspect, quicker diagnosis of leaks, and safer work for surveyors.",
        "tags": ["housing", "procurement"],
        "author": "wayne",
        "stage": "not_taken_forward",
        "days_ago": 55,
        "supporters": ["zofia", "callum"],
        "responses": [
            {
                "by": "zofia",
                "kind": "build",
                "days_ago": 54,
                "body": "Roof leaks are one of our biggest causes of damp. Faster diagnosis would help a lot.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "karen",
                "kind": "question",
                "days_ago": 53,
                "body": "Fernlea's roofing contract may already include drone surveys. Have you checked before we buy?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "wayne",
                        "kind": "build",
                        "days_ago": 52,
                        "body": "You're right, I've just checked: it's included at no extra cost. I had no idea!",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "callum",
                "kind": "build",
                "days_ago": 52,
                "body": "The council only needs 15 to 20 roof inspections a year, so we'd be a light user.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "marek",
                "kind": "concern",
                "days_ago": 51,
                "body": "Pilot training, insurance and registration add about £3,000 a year, and the drone would sit "
                "unused most weeks.",
                "suggestion": "Use Fernlea's contract for Fernlea homes, and ask whether the council can buy surveys "
                "through the same contract at the same rate.",
                "hours": None,
                "replies": [],
            },
        ],
        "reason": "Not taken forward for now: Fernlea's roofing contract already includes drone surveys at no extra "
        "cost, and the council needs fewer than 20 surveys a year, so a shared drone (about £8,000 plus £3,000 a "
        "year) wouldn't pay back. Karen is checking whether the council can buy surveys through Fernlea's contract. "
        "We would look again if either organisation's survey numbers grew well beyond today's.",
    },
    # ------------------------------------------------------------------ being heard
    # In the running "Tell us once" challenge (posted on days 1 and 2 of the sprint).
    {
        "key": "one-referral-asc-dn",
        "title": "One referral form for adult social care and district nursing",
        "problem": "When a GP or the hospital refers someone who needs both personal care and nursing, they fill "
        "in two forms for two organisations with the same name, address, medical history and next of kin. The "
        "person then gets two phone calls asking the same questions.",
        "proposal": "Agree one shared referral form for adult social care and district nursing, with a section "
        "each for the specialist questions. Both teams receive it at the same time and agree who calls the person "
        "first.",
        "benefit": "Referrers save 15 to 20 minutes on each of about 900 joint referrals a year, and people tell "
        "their story once.",
        "tags": ["social care", "community health", "data sharing"],
        "author": "grace",
        "stage": "being_heard",
        "days_ago": 2,
        "supporters": ["ellie", "claire", "martin", "hannah"],
        "responses": [
            {
                "by": "ellie",
                "kind": "build",
                "days_ago": 1,
                "body": "Yes, and we could agree a single lead contact for the person, so they know who is "
                "coordinating.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "martin",
                "kind": "question",
                "days_ago": 1,
                "body": "Would OT referrals fit into the social care section, or need their own part?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "grace",
                        "kind": "build",
                        "days_ago": 1,
                        "body": "I'd keep them in the social care section, with a tick box for 'may need equipment or "
                        "adaptations'.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    {
        "key": "tell-us-once-address",
        "title": "Tell us once when someone moves house",
        "problem": "When a resident moves, they have to tell the council (council tax, electoral register, bins, "
        "blue badge, parking), the health board (GP, district nurses, hospital appointments) and, if they're a "
        "Fernlea tenant, Fernlea. Letters keep going to old addresses, including hospital appointment letters.",
        "proposal": "A single 'I've moved' form on the council website that, with the person's consent, passes the "
        "new address to the services they choose across all three organisations.",
        "benefit": "Fewer missed hospital appointments and lost letters, and about 3,000 fewer calls a year to the "
        "contact centre about changes of address.",
        "tags": ["digital", "data sharing"],
        "author": "chloe",
        "stage": "being_heard",
        "days_ago": 2,
        "supporters": ["ravi", "amira", "leanne", "precious", "sarah"],
        "responses": [
            {
                "by": "sarah",
                "kind": "build",
                "days_ago": 2,
                "body": "Yes please. Appointment letters sent to old addresses are a real cause of missed outpatient "
                "appointments.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "leanne",
                "kind": "build",
                "days_ago": 1,
                "body": "Fernlea would join straight away. We could even pre-fill the form when a new tenancy starts.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    {
        "key": "my-details-page",
        "title": "A 'my details' page where residents can check and correct what we hold about them",
        "problem": "We hold the same person's details in dozens of systems and they don't always match: old phone "
        "numbers, misspelt names, missing access needs. Residents only find out when something goes wrong, such "
        "as a letter in the wrong name.",
        "proposal": "A simple 'my details' page in the resident's council account showing their contact details and "
        "communication preferences, with a button to correct them. Corrections flow to the main council systems "
        "first, then to partners who sign up.",
        "benefit": "Cleaner data, fewer returned letters and failed contacts, and residents in control of their own "
        "information.",
        "tags": ["digital", "data sharing", "digital inclusion"],
        "author": "ravi",
        "stage": "being_heard",
        "days_ago": 1,
        "supporters": ["chloe", "amira", "siobhan"],
        "responses": [
            {
                "by": "precious",
                "kind": "concern",
                "days_ago": 1,
                "body": "Many of our tenants don't have a council account and won't create one just for this.",
                "suggestion": "Let tenancy officers and library digital champions help people check their details face "
                "to face, and offer it by phone too.",
                "hours": None,
                "replies": [],
            },
            {
                "by": "amira",
                "kind": "build",
                "days_ago": 0,
                "body": "Yes, and add 'how I'd like you to contact me': text, large print, an interpreter. That would "
                "help housing options a lot.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    {
        "key": "about-me-page",
        "title": "An 'about me' page that travels with the person between hospital, social care and housing",
        "problem": "People with dementia, learning disabilities or complex needs are asked the same questions by "
        "every new professional: who matters to them, how they like to be spoken to, what upsets them. Families "
        "end up carrying folders of paper between services.",
        "proposal": "A one-page 'about me', written with the person and their family, that they can share with any "
        "service from their phone or on paper. It starts with what matters to them, not a list of conditions.",
        "benefit": "Less repetition, kinder care and fewer distressing moments, especially during hospital stays "
        "and moves.",
        "tags": ["social care", "community health", "housing"],
        "author": "precious",
        "stage": "being_heard",
        "days_ago": 1,
        "supporters": ["leanne", "mohammed"],
        "responses": [
            {
                "by": "mohammed",
                "kind": "build",
                "days_ago": 1,
                "body": "We use a paper version on Beech Ward for patients with dementia and it's brilliant. One that "
                "arrives with them would be even better.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    # From the finished "Home when ready" challenge, heard but not shortlisted.
    {
        "key": "discharge-medicines-home",
        "title": "Deliver discharge medicines to the patient's home instead of waiting on the ward",
        "problem": "Patients who are ready to go home often wait three or four hours on the ward for their "
        "medicines from the hospital pharmacy. Some miss their transport and stay another night.",
        "proposal": "Let patients go home as soon as they're ready, and deliver their medicines the same day by "
        "courier, or with the district nurse if they're already on our caseload.",
        "benefit": "Earlier discharges, fewer people missing transport and more beds free for the afternoon's "
        "admissions.",
        "tags": ["discharge", "community health"],
        "author": "ellie",
        "stage": "being_heard",
        "days_ago": 41,
        "supporters": ["mohammed", "sarah", "claire", "jamal", "hannah", "grace"],
        "responses": [
            {
                "by": "mohammed",
                "kind": "build",
                "days_ago": 40,
                "body": "Yes, and we'd need a clear rule about which medicines the patient must have before leaving, "
                "such as anything due that evening.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "sarah",
                "kind": "build",
                "days_ago": 40,
                "body": "Waiting for medicines is one of the biggest causes of late-afternoon discharges. Well worth "
                "looking at.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "karen",
                "kind": "question",
                "days_ago": 39,
                "body": "Does the hospital have a courier contract that covers same-day home deliveries?",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "tunde",
                "kind": "build",
                "days_ago": 38,
                "body": "Thank you, Ellie. We didn't shortlist this for the sprint because hospital pharmacy has just "
                "started its own home delivery pilot, but I've put you in touch with the pharmacy lead so your nursing "
                "view shapes it.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "ellie",
                        "kind": "build",
                        "days_ago": 38,
                        "body": "Thanks Tunde, that's a good outcome. I'll join their next meeting.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    {
        "key": "discharge-date-board",
        "title": "Show the expected discharge date on a small board by each bed",
        "problem": "Families often don't know when their relative is expected to go home until the day before, so "
        "they can't arrange time off, food in the fridge or equipment at home. Discharges then slip while everyone "
        "scrambles.",
        "proposal": "Write the expected date of discharge, and what needs to happen before it, on a small board by "
        "each bed, updated at the daily board round.",
        "benefit": "Families can prepare earlier, fewer discharges slip at the last minute, and fewer calls to the "
        "ward asking 'when?'.",
        "tags": ["discharge"],
        "author": "hannah",
        "stage": "being_heard",
        "days_ago": 40,
        "supporters": ["sarah", "mohammed", "grace", "leanne", "amira"],
        "responses": [
            {
                "by": "sarah",
                "kind": "build",
                "days_ago": 40,
                "body": "Yes, and if the board says what we're waiting for, families can often help, for example by "
                "bringing in clothes or a door key.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "grace",
                "kind": "build",
                "days_ago": 39,
                "body": "Social care would like to see the date too. It helps us plan the assessment.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "mohammed",
                "kind": "concern",
                "days_ago": 39,
                "body": "Dates change a lot, and families get upset when a date written on a board is missed.",
                "suggestion": "Write it as 'aiming for', with the main thing we're waiting on, and explain on admission "
                "that it may change.",
                "hours": None,
                "replies": [],
            },
            {
                "by": "leanne",
                "kind": "build",
                "days_ago": 38,
                "body": "Fernlea tenancy officers could use the date to check the home is ready.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    # Fresh ideas, posted in the last couple of days.
    {
        "key": "bin-sticker-qr",
        "title": "Put a QR code on bin stickers to report a missed collection in three taps",
        "problem": "To report a missed bin, people have to find the right page on the website and type in their "
        "address, often while standing in the street next to the bin.",
        "proposal": "Print a QR code on the next batch of bin stickers that opens the missed-bin form with that "
        "property's address already filled in.",
        "benefit": "Quicker reporting and fewer phone calls. The stickers are being reprinted later this year "
        "anyway, so the extra cost is close to nothing.",
        "tags": ["waste", "digital"],
        "author": "chloe",
        "stage": "being_heard",
        "days_ago": 0,
        "supporters": ["dave", "aisha"],
        "responses": [],
    },
    {
        "key": "ask-an-analyst",
        "title": "A monthly 'ask an analyst' drop-in for staff from all three organisations",
        "problem": "Lots of people have a spreadsheet they know could tell them something, but no idea where to "
        "start and no analyst in their team. In housing I've helped colleagues with pivot tables and it saved "
        "them hours.",
        "proposal": "Run a one-hour online drop-in every month where analysts from the council, the health board "
        "and Fernlea answer questions about data, spreadsheets and dashboards. Anyone can bring a problem.",
        "benefit": "Staff save hours of trial and error, analysts hear about problems early, and we build a network "
        "of people who know each other's data.",
        "tags": ["workforce", "digital"],
        "author": "amira",
        "stage": "being_heard",
        "days_ago": 1,
        "supporters": ["ravi"],
        "responses": [
            {
                "by": "ravi",
                "kind": "offer",
                "days_ago": 0,
                "body": "Count me in for the first few sessions. I can give about an hour a week, including time to "
                "follow up on the questions people bring.",
                "suggestion": None,
                "hours": 1,
                "replies": [],
            },
        ],
    },
    {
        "key": "riverside-house-desks",
        "title": "Offer the empty desks on floor 3 of Riverside House to health board community teams",
        "problem": "Since hybrid working started, floor 3 of Riverside House is about a third full on most days, "
        "but we still heat, light and clean all of it. Meanwhile some health board community teams are squeezed "
        "into small rooms at the health centre.",
        "proposal": "Offer about 30 desks on floor 3 to health board community teams on a simple licence, with a "
        "recharge for running costs, starting with teams that work closely with council services.",
        "benefit": "Perhaps £45,000 a year of running costs shared, and colleagues who work with the same families "
        "sitting next to each other.",
        "tags": ["estates"],
        "author": "marek",
        "stage": "being_heard",
        "days_ago": 2,
        "supporters": [],
        "responses": [
            {
                "by": "tunde",
                "kind": "build",
                "days_ago": 2,
                "body": "Yes, and our community mental health team is looking for a town-centre base two days a week. "
                "I'll ask them.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "claire",
                "kind": "question",
                "days_ago": 1,
                "body": "Is there parking? District nurses need to get in and out by car all day.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "marek",
                        "kind": "build",
                        "days_ago": 1,
                        "body": "Six bays, and they're tight. Probably better for teams who mostly walk or use the bus.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    {
        "key": "car-park-permits",
        "title": "Swap paper car park permits at Riverside General for number-plate permits",
        "problem": "Staff at Riverside General get a paper car park permit that has to be renewed every year in "
        "person at the estates office, which is open 9 to 4. Night staff have to come in on a day off to renew it.",
        "proposal": "Use the number-plate cameras already fitted at the car park barriers, and let staff register "
        "and renew their permit online.",
        "benefit": "No more trips to the estates office, less paper and plastic, and about 300 fewer hours of admin "
        "a year.",
        "tags": ["digital", "estates"],
        "author": "sarah",
        "stage": "being_heard",
        "days_ago": 0,
        "supporters": [],
        "responses": [],
    },
    # Older ideas nobody has responded to yet ("needs a hearing").
    {
        "key": "shared-cycle-scheme",
        "title": "One cycle-to-work scheme and e-bike loan pool across all three organisations",
        "problem": "The council, the health board and Fernlea each run their own cycle-to-work scheme with a "
        "different provider, different limits and different windows to apply. None of them lets you try an "
        "e-bike before committing to one.",
        "proposal": "Join up on one cycle-to-work provider, and run a shared pool of 20 e-bikes that staff can "
        "borrow for a month to try commuting by bike.",
        "benefit": "More staff cycling to work, fewer car journeys and less parking pressure at the hospital, and a "
        "small saving on scheme admin.",
        "tags": ["carbon", "workforce", "transport"],
        "author": "jamal",
        "stage": "being_heard",
        "days_ago": 9,
        "supporters": ["hannah", "aisha", "ravi", "zofia"],
        "responses": [],
    },
    {
        "key": "plain-english-letters",
        "title": "A plain-English template for council letters, tested with residents",
        "problem": "Many of the council letters our tenants bring to us are hard to understand: council tax "
        "reminders, housing benefit decisions, parking fines. Tenants panic, ring three different numbers, or "
        "ignore the letter until it becomes a summons.",
        "proposal": "Create one plain-English letter template, with the action needed in the first two lines and a "
        "named contact, test it with a group of Fernlea tenants, and use it for the ten letters the council sends "
        "most.",
        "benefit": "Fewer calls asking 'what does this mean?', fewer missed payments and less worry for residents.",
        "tags": ["digital inclusion", "housing"],
        "author": "precious",
        "stage": "being_heard",
        "days_ago": 14,
        "supporters": ["leanne", "amira", "chloe"],
        "responses": [],
    },
    {
        "key": "night-canteen",
        "title": "Open Riverside General's 24-hour canteen to council night workers",
        "problem": "The council has about 40 staff working nights: CCTV operators, the out-of-hours social work "
        "team, emergency housing officers. There's nowhere to get a hot meal after 9pm, and most live on vending "
        "machines.",
        "proposal": "Let council night staff use the hospital's 24-hour canteen on showing their council ID card, "
        "at the same prices as hospital staff.",
        "benefit": "Better health and morale for night workers at almost no cost, and a little extra income for the "
        "canteen.",
        "tags": ["workforce", "estates"],
        "author": "sean",
        "stage": "being_heard",
        "days_ago": 7,
        "supporters": ["nadia"],
        "responses": [],
    },
    {
        "key": "bin-calendars-languages",
        "title": "Bin collection calendars in Polish, Urdu and Romanian",
        "problem": "In some town-centre streets, many households speak Polish, Urdu or Romanian at home. "
        "Contamination in the recycling there is about twice the borough average, and residents tell us they're "
        "not sure what goes in which bin.",
        "proposal": "Translate the bin calendar and the 'what goes in which bin' guide into the three most spoken "
        "community languages, using pictures as much as words, and deliver them with the help of community groups.",
        "benefit": "Less contaminated recycling (each rejected lorry load costs about £400) and fewer missed-bin "
        "complaints in those streets.",
        "tags": ["waste", "digital inclusion"],
        "author": "aisha",
        "stage": "being_heard",
        "days_ago": 18,
        "supporters": [],
        "responses": [],
    },
    # Older ideas with plenty of responses from other teams.
    {
        "key": "crews-welfare-flag",
        "title": "Let bin crews flag when a vulnerable resident's bin hasn't been out for three weeks",
        "problem": "About 1,400 residents get an assisted collection because they can't move their bin themselves; "
        "most are older or disabled. My crews notice when someone's bin has been empty for weeks or the curtains "
        "haven't moved, but there's no way to tell anyone.",
        "proposal": "Add a 'concerned about this resident' button to the in-cab tablet for assisted collection "
        "addresses. It sends a short note to a named welfare contact, who makes a phone call or a visit.",
        "benefit": "People who have fallen or become unwell at home are found sooner. The crews pass these homes "
        "every fortnight anyway, so it costs almost nothing.",
        "tags": ["waste", "social care", "community safety"],
        "author": "dave",
        "stage": "being_heard",
        "days_ago": 12,
        "supporters": [
            "grace",
            "martin",
            "leanne",
            "precious",
            "claire",
            "ellie",
            "sean",
            "nadia",
            "helen",
            "siobhan",
            "rhiannon",
            "tunde",
            "aisha",
            "amira",
            "hannah",
            "mohammed",
            "callum",
        ],
        "responses": [
            {
                "by": "grace",
                "kind": "build",
                "days_ago": 11,
                "body": "Yes, and the adult social care duty team could be the named contact in office hours. A phone "
                "call from us is often all it takes.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "ravi",
                "kind": "concern",
                "days_ago": 10,
                "body": "Crews would be recording information about someone's welfare, which is sensitive, and "
                "residents might not expect it.",
                "suggestion": "Only do it for residents on the assisted collection list who agree when they sign up, "
                "record the minimum ('concerned, please check'), and send it to one named welfare contact rather than a "
                "shared inbox.",
                "hours": None,
                "replies": [
                    {
                        "by": "dave",
                        "kind": "build",
                        "days_ago": 10,
                        "body": "Happy with that. The crews don't want to be nosy, they just want someone to know.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
            {
                "by": "leanne",
                "kind": "build",
                "days_ago": 10,
                "body": "For Fernlea tenants, our tenancy officers could do the check. We know most of them well.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "claire",
                "kind": "build",
                "days_ago": 9,
                "body": "If the person is on the district nursing caseload we'd want to know too. A quick message to "
                "the team would do.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "helen",
                "kind": "build",
                "days_ago": 8,
                "body": "This is exactly the kind of idea I want to see: people using what they notice every day. "
                "Dave, I'd love to hear how it goes.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
        ],
    },
    {
        "key": "care-leavers-contact",
        "title": "Give every care leaver moving into a Fernlea home a named contact for their first year",
        "problem": "Young people leaving care who get a Fernlea tenancy are much more likely than others to fall "
        "into arrears or lose the tenancy in the first year. They deal with the council's leaving care team, a "
        "Fernlea housing officer and often a support worker, and don't know who to go to when something goes wrong.",
        "proposal": "Give each care leaver one named contact at Fernlea for their first year, who meets them before "
        "they move in, checks in monthly and links up with their personal adviser in the leaving care team.",
        "benefit": "Fewer tenancies failing in the first year (each one costs about £8,000 in empty-home costs, "
        "arrears and rehousing), and a young person with one person to call.",
        "tags": ["housing", "social care"],
        "author": "amira",
        "stage": "being_heard",
        "days_ago": 16,
        "supporters": [
            "leanne",
            "precious",
            "grace",
            "callum",
            "nadia",
            "helen",
            "siobhan",
            "zofia",
            "sean",
        ],
        "responses": [
            {
                "by": "leanne",
                "kind": "offer",
                "days_ago": 15,
                "body": "Tenancy sustainment could be the named contact. I can give 2 hours a week to design how it "
                "works and supervise the first cases.",
                "suggestion": None,
                "hours": 2,
                "replies": [],
            },
            {
                "by": "precious",
                "kind": "build",
                "days_ago": 14,
                "body": "Yes, and we could help them set up utilities and a bank account and get online before the "
                "keys are handed over.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "grace",
                "kind": "build",
                "days_ago": 13,
                "body": "The leaving care team is in our building. I'll introduce you to their team manager.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "marek",
                "kind": "question",
                "days_ago": 12,
                "body": "How many care leavers a year would this be? I'd like to check the £8,000 figure against our "
                "own data.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "amira",
                        "kind": "build",
                        "days_ago": 11,
                        "body": "About 25 a year move into Fernlea homes. I'll send you where the figure comes from.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    {
        "key": "volunteer-passport",
        "title": "One volunteer passport: a DBS check and induction that all three organisations accept",
        "problem": "A resident who wants to volunteer at the library, the hospital and a Fernlea community garden "
        "needs three applications, three DBS checks and three inductions, which can take four months. Many give "
        "up before they start.",
        "proposal": "Agree a shared volunteer passport: one application, one DBS check and one core induction "
        "(safeguarding, data protection, health and safety) accepted by all three organisations. Each role adds "
        "only a short role-specific session.",
        "benefit": "Volunteers start in weeks rather than months, about £4,000 a year saved on duplicate checks, "
        "and it's easier for people to help in more than one place.",
        "tags": ["volunteering", "workforce"],
        "author": "nadia",
        "stage": "being_heard",
        "days_ago": 20,
        "supporters": [
            "tunde",
            "precious",
            "leanne",
            "sean",
            "helen",
            "rhiannon",
            "mohammed",
            "claire",
            "chloe",
            "amira",
            "siobhan",
        ],
        "responses": [
            {
                "by": "tunde",
                "kind": "build",
                "days_ago": 19,
                "body": "Yes, and the health board's volunteer service has been asking for exactly this.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "precious",
                "kind": "build",
                "days_ago": 18,
                "body": "Our tenant volunteers would love to help at the library digital sessions without starting "
                "again from scratch.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "mohammed",
                "kind": "concern",
                "days_ago": 17,
                "body": "Hospital volunteers need specific training: infection control, dementia awareness, what to do "
                "if there's a fire on a ward.",
                "suggestion": "Keep the shared core induction and add a short hospital module for anyone volunteering "
                "on wards.",
                "hours": None,
                "replies": [],
            },
            {
                "by": "leanne",
                "kind": "question",
                "days_ago": 16,
                "body": "Who would hold the record of a volunteer's checks, and for how long?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "nadia",
                        "kind": "build",
                        "days_ago": 15,
                        "body": "I'd suggest the council holds it, as it runs the volunteer centre, and shares a simple "
                        "'passport valid until' date with the others.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    {
        "key": "joint-induction",
        "title": "A joint induction morning for new starters across the council, the health board and Fernlea",
        "problem": "New starters learn about their own organisation at induction, but nothing about the partners "
        "they'll work with every week. It takes most people a year to find out who does what across the three "
        "organisations.",
        "proposal": "Run a joint induction morning every quarter: a short welcome from both chief executives, a "
        "'who does what' tour of the three organisations, and time to meet people in similar roles.",
        "benefit": "People know who to call from their first month, fewer referrals go to the wrong place, and we "
        "feel more like one public service.",
        "tags": ["workforce"],
        "author": "tunde",
        "stage": "being_heard",
        "days_ago": 10,
        "supporters": [
            "amira",
            "wayne",
            "karen",
            "sarah",
            "siobhan",
            "rhiannon",
            "leanne",
            "helen",
        ],
        "responses": [
            {
                "by": "amira",
                "kind": "build",
                "days_ago": 9,
                "body": "I joined in September and didn't know Fernlea had a tenancy sustainment team until March. "
                "This would have saved me a lot of time.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "wayne",
                "kind": "build",
                "days_ago": 9,
                "body": "Repairs would like a slot too. Half the problems our operatives see are really about support "
                "needs, and they don't know who to call.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "karen",
                "kind": "build",
                "days_ago": 8,
                "body": "Yes, and a short session on buying together, so people know they can use each other's "
                "contracts.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "sarah",
                "kind": "question",
                "days_ago": 7,
                "body": "Could it be online or recorded for shift workers who can't do a weekday morning?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "tunde",
                        "kind": "build",
                        "days_ago": 7,
                        "body": "Good point. We'll record the talks and run the meet-and-greet twice, once in the evening.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ written in Welsh
    # Ideas and responses in Cymraeg, as Welsh speakers in the partnership write them.
    {
        "key": "galwad-gymraeg-ar-ol-rhyddhau",
        "language": "cy",
        "title": "Galwad ffôn yn Gymraeg y diwrnod ar ôl gadael yr ysbyty",
        "problem": "Mae llawer o'n cleifion hŷn yn siarad Cymraeg fel iaith gyntaf. Ar ôl iddyn nhw adael yr "
        "ysbyty, mae'r alwad ddilynol fel arfer yn Saesneg, ac maen nhw'n llai tebygol o ddweud wrthon ni bod "
        "rhywbeth o'i le.\n\nY llynedd, daeth **un o bob wyth** ohonyn nhw'n ôl i'r ysbyty o fewn mis.",
        "proposal": "Cynnig galwad ffôn yn Gymraeg y diwrnod ar ôl i rywun adael yr ysbyty, gan nyrs ardal sy'n "
        "siarad Cymraeg. Gofyn ar y ffurflen ryddhau pa iaith sydd orau gan y claf, a rhannu'r rhestr bob bore "
        "gyda'r tîm.",
        "benefit": "Llai o aildderbyniadau, a chleifion sy'n teimlo eu bod yn cael eu clywed yn eu hiaith eu hunain.",
        "tags": ["cymraeg", "community health"],
        "author": "rhiannon",
        "stage": "being_heard",
        "days_ago": 2,
        "supporters": ["gwenllian", "tunde", "sarah"],
        "responses": [
            {
                "by": "gwenllian",
                "kind": "build",
                "language": "cy",
                "days_ago": 1,
                "body": "Syniad da iawn. Mae Safonau'r Gymraeg yn disgwyl i ni gynnig gwasanaeth Cymraeg heb i'r claf "
                "orfod gofyn amdano. Gallen ni ddechrau ar un ward a mesur yr aildderbyniadau.",
                "suggestion": None,
                "hours": None,
                "replies": [],
            },
            {
                "by": "tunde",
                "kind": "question",
                "days_ago": 1,
                "body": "How many Welsh-speaking district nurses are on each shift? Could the call be booked with "
                "whichever team has one that day?",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "rhiannon",
                        "kind": "build",
                        "language": "cy",
                        "days_ago": 1,
                        "body": "Mae gennym ni saith ar draws y timau. Gallwn ni eu rhoi ar y rota fel bod un ar gael "
                        "bob bore.",
                        "suggestion": None,
                        "hours": None,
                    },
                ],
            },
        ],
    },
    {
        "key": "arwyddion-dwyieithog-biniau",
        "language": "cy",
        "title": "Arwyddion dwyieithog ar bob bin ailgylchu newydd",
        "problem": "Mae'r biniau ailgylchu newydd yn y parciau'n dangos Saesneg yn unig. Mae hynny'n groes i'n "
        "Cynllun Iaith, ac mae trigolion wedi cwyno.",
        "proposal": "Archebu'r sticeri nesaf yn ddwyieithog, gyda'r Gymraeg yn gyntaf, a newid y rhai sydd ar y "
        "biniau'n barod pan fydd y criwiau'n eu gwagio.",
        "benefit": "Cydymffurfio â Safonau'r Gymraeg heb gost ychwanegol ar ôl y sticeri cyntaf, a biniau y gall "
        "pawb eu darllen.",
        "tags": ["cymraeg", "waste"],
        "author": "gwenllian",
        "stage": "being_heard",
        "days_ago": 3,
        "supporters": ["dave", "rhiannon", "wayne", "leanne"],
        "responses": [
            {
                "by": "dave",
                "kind": "build",
                "days_ago": 2,
                "body": "Good idea. The next sticker order goes in next month: I'll add the Welsh text if someone "
                "checks the wording.",
                "suggestion": None,
                "hours": None,
                "replies": [
                    {
                        "by": "gwenllian",
                        "kind": "offer",
                        "language": "cy",
                        "days_ago": 2,
                        "body": "Mi wna i wirio'r geiriad gyda'r tîm cyfieithu, a'i anfon atoch chi erbyn dydd Gwener.",
                        "suggestion": None,
                        "hours": 1,
                    },
                ],
            },
            {
                "by": "rhiannon",
                "kind": "concern",
                "language": "cy",
                "days_ago": 2,
                "body": "Mae'r sticeri presennol yn newydd: byddai eu tynnu i gyd ar unwaith yn wastraff.",
                "suggestion": "Newid pob bin pan fydd ei sticer yn treulio, a dechrau gyda'r parciau prysuraf.",
                "hours": None,
                "replies": [],
            },
        ],
    },
]

PROJECTS = [
    # ------------------------------------------------------------------ delivered
    {
        "key": "bin-change-texts",
        "name": "Bin day change texts",
        "goal": "Tell residents by text the day before their collection day changes, so fewer bins go out on the "
        "wrong day and fewer people need to ring us.",
        "lead": "aisha",
        "members": [
            {"person": "ravi", "hours_per_week": 4},
            {"person": "chloe", "hours_per_week": 2},
            {"person": "dave", "hours_per_week": 1},
            {"person": "precious", "hours_per_week": 1},
        ],
        "status": "delivered",
        "updates": [
            {
                "by": "aisha",
                "days_ago": 105,
                "body": "Kick-off done. Ravi has drafted the Notify template and I've exported the round list. Chloe's "
                "team will offer sign-up at the end of every bin call from Monday.",
            },
            {
                "by": "ravi",
                "days_ago": 92,
                "body": "Sign-up form is live on the missed-bin page. **640 residents** signed up in the first two "
                "weeks, mostly through the contact centre. Precious is promoting it to Fernlea tenants, with a "
                "printed calendar for anyone without a mobile.",
            },
            {
                "by": "aisha",
                "days_ago": 70,
                "body": "First real test over the last bank holiday: 1,410 texts sent, and missed-bin reports the "
                "following week were down **38%** on the same holiday last year.\n\n"
                "We're calling this delivered. The waste team now runs it as business as usual.",
            },
        ],
    },
    {
        "key": "blue-badge-online",
        "name": "Blue badge without the paperwork",
        "goal": "Stop asking blue badge applicants for paper evidence we can check ourselves, and let everyone else "
        "upload evidence from their phone.",
        "lead": "chloe",
        "members": [
            {"person": "ravi", "hours_per_week": 3},
            {"person": "martin", "hours_per_week": 2},
            {"person": "precious", "hours_per_week": 1},
        ],
        "status": "delivered",
        "updates": [
            {
                "by": "chloe",
                "days_ago": 98,
                "body": "Consent wording agreed with information governance. Ravi is building the upload step.",
            },
            {
                "by": "ravi",
                "days_ago": 84,
                "body": "Upload step is live. 58% of applicants in the first fortnight used it. The paper route is "
                "still there, and Precious has briefed Fernlea's tenancy officers on helping tenants send evidence in.",
            },
            {
                "by": "chloe",
                "days_ago": 62,
                "body": "Average processing time for automatic cases is now **7 days** (it was 21). Martin's OTs are "
                "only seeing the cases that need them. Delivered: the blue badge team owns it from here.",
            },
        ],
    },
    {
        "key": "shared-key-safes",
        "name": "Shared key safe register",
        "goal": "One secure, consented register of key safe codes that district nurses, carers and alarm "
        "responders can use at the door.",
        "lead": "ellie",
        "members": [
            {"person": "ravi", "hours_per_week": 3},
            {"person": "grace", "hours_per_week": 2},
            {"person": "jamal", "hours_per_week": 1},
        ],
        "status": "delivered",
        "updates": [
            {
                "by": "ellie",
                "days_ago": 88,
                "body": "Data protection impact assessment signed off by both organisations. Ravi is adding the code "
                "field to the alarm system, with look-up-only access for nurses.",
            },
            {
                "by": "ravi",
                "days_ago": 74,
                "body": "Pilot live with two district nursing teams. Every look-up is logged, and the alarm team "
                "reviews the log each month.",
            },
            {
                "by": "ellie",
                "days_ago": 50,
                "body": "Wasted visits in the pilot teams fell from about 15 a week to 2. Now rolled out to all "
                "district nursing teams and the two main home care agencies. **Delivered.**",
            },
        ],
    },
    {
        "key": "library-digital-help",
        "name": "Digital help in libraries",
        "goal": "A single weekly digital help session in three libraries, run by volunteer champions from the "
        "council, the health board and Fernlea.",
        "lead": "precious",
        "members": [
            {"person": "nadia", "hours_per_week": 3},
            {"person": "chloe", "hours_per_week": 2},
            {"person": "claire", "hours_per_week": 1},
        ],
        "status": "delivered",
        "updates": [
            {
                "by": "precious",
                "days_ago": 108,
                "body": "First session at Central Library: **14 residents** came, mostly with NHS App questions. "
                "Two champions from each organisation.",
            },
            {
                "by": "nadia",
                "days_ago": 90,
                "body": "31 volunteers trained so far, including 9 council staff using their volunteering day.",
            },
            {
                "by": "precious",
                "days_ago": 66,
                "body": "After 12 weeks:\n\n"
                "- 212 visits across the three libraries\n"
                "- 40% of people came back a second time\n"
                "- the most common questions were repeat prescriptions, reporting repairs and video calls\n\n"
                "The library service will run it as part of its core offer, with all three organisations supplying "
                "champions. Delivered.",
            },
        ],
    },
    {
        "key": "equipment-cages",
        "name": "Equipment returns at recycling centres",
        "goal": "Make it easy to return loaned equipment at household recycling centres, so it can be cleaned and "
        "reissued.",
        "lead": "jamal",
        "members": [
            {"person": "aisha", "hours_per_week": 2},
            {"person": "dave", "hours_per_week": 1},
            {"person": "mohammed", "hours_per_week": 1},
        ],
        "status": "delivered",
        "updates": [
            {
                "by": "jamal",
                "days_ago": 90,
                "body": "Cages in place at the Northgate and Mill Lane recycling centres, and site staff briefed.",
            },
            {
                "by": "jamal",
                "days_ago": 72,
                "body": "First 8 weeks: **412 items** returned, worth about £23,600 new. 87% could be cleaned and "
                "reissued.",
            },
            {
                "by": "aisha",
                "days_ago": 45,
                "body": "Collections are now part of the standard van route, and the return card is in every discharge "
                "pack on Beech Ward. Handed over as business as usual: delivered.",
            },
        ],
    },
    # ------------------------------------------------------------------ under way
    {
        "key": "trusted-assessors",
        "name": "Trusted assessors for hospital discharge",
        "goal": "Let trained hospital therapists agree the first two weeks of home care, with a social work review "
        "at home within seven days.",
        "lead": "sarah",
        "members": [
            {"person": "grace", "hours_per_week": 4},
            {"person": "hannah", "hours_per_week": 4},
            {"person": "martin", "hours_per_week": 2},
            {"person": "karen", "hours_per_week": 1},
        ],
        "status": "active",
        "updates": [
            {
                "by": "sarah",
                "days_ago": 35,
                "body": "Project agreed at the end of the 'Home when ready' sprint. Criteria drafted with Grace; the "
                "exclusions include safeguarding concerns and anyone with moderate or severe dementia who has no carer "
                "at home.",
            },
            {
                "by": "karen",
                "days_ago": 28,
                "body": "Checked all five home care contracts: three already accept referrals from a trusted assessor, "
                "and the other two will be varied at no cost next month.",
            },
            {
                "by": "hannah",
                "days_ago": 14,
                "body": "Training done for 8 therapists. The pilot started on Beech and Willow wards on Monday.",
            },
            {
                "by": "sarah",
                "days_ago": 5,
                "body": "First fortnight: 17 people went home through the trusted assessor route, on average **2.6 days "
                "sooner** than similar patients. No safeguarding concerns raised at the weekly joint review.",
            },
        ],
    },
    {
        "key": "handyperson-direct",
        "name": "Handyperson booking for district nurses",
        "goal": "Let district nurses book small safety jobs with the council's handyperson service (and Fernlea "
        "repairs for Fernlea homes) without waiting for a separate assessment.",
        "lead": "callum",
        "members": [
            {"person": "claire", "hours_per_week": 2},
            {"person": "martin", "hours_per_week": 2},
            {"person": "wayne", "hours_per_week": 1},
        ],
        "status": "active",
        "updates": [
            {
                "by": "callum",
                "days_ago": 60,
                "body": "Agreed a list of 12 'no assessment needed' jobs with Martin, each with a standard position. "
                "Booking form drafted.",
            },
            {
                "by": "claire",
                "days_ago": 41,
                "body": "Live in my team's patch for a month: **38 jobs** booked, average 8 working days from booking "
                "to fix.",
            },
            {
                "by": "wayne",
                "days_ago": 20,
                "body": "Fernlea jobs are now routed straight to our repairs team: 7 so far, all done within a week.",
            },
            {
                "by": "callum",
                "days_ago": 6,
                "body": "Rolling out to the other three district nursing teams next month. Hannah's team is helping us "
                "track falls in the pilot group.",
            },
        ],
    },
    {
        "key": "damp-mould-together",
        "name": "Damp and mould: one team, one visit",
        "goal": "Find damp and mould earlier with sensors in the highest-risk homes, and deal with it in one joint "
        "visit instead of three.",
        "lead": "zofia",
        "members": [
            {"person": "callum", "hours_per_week": 3},
            {"person": "precious", "hours_per_week": 2},
            {"person": "ravi", "hours_per_week": 1},
            {"person": "ellie", "hours_per_week": 1},
        ],
        "status": "active",
        "updates": [
            {
                "by": "zofia",
                "days_ago": 62,
                "body": "Joint checklist agreed between Fernlea and council environmental health. First 40 sensors "
                "ordered.",
            },
            {
                "by": "callum",
                "days_ago": 48,
                "body": "12 joint visits done. Average time from first report to an agreed plan is now 9 days, down "
                "from 23.",
            },
            {
                "by": "precious",
                "days_ago": 30,
                "body": "Sensors are in 118 homes. 9 tenants said no thanks, which is fine. 3 asked for the "
                "explanation in Polish, so we've added it.",
            },
            {
                "by": "zofia",
                "days_ago": 9,
                "body": "First alerts of the cold season: 14 homes visited early, all sorted with practical fixes "
                "(extractor fans, trickle vents, advice on drying clothes) before mould took hold.",
            },
        ],
    },
    {
        "key": "one-falls-form",
        "name": "One falls referral form",
        "goal": "One referral form and a weekly joint huddle, so falls referrals reach the right service first time.",
        "lead": "hannah",
        "members": [
            {"person": "martin", "hours_per_week": 2},
            {"person": "chloe", "hours_per_week": 3},
            {"person": "leanne", "hours_per_week": 1},
        ],
        "status": "paused",
        "updates": [
            {
                "by": "hannah",
                "days_ago": 55,
                "body": "Form drafted with all four services. We trialled the huddle on paper for three weeks: "
                "0 bounced referrals out of 41.",
            },
            {
                "by": "chloe",
                "days_ago": 40,
                "body": "Online form built and tested with two screen reader users.",
            },
            {
                "by": "hannah",
                "days_ago": 20,
                "body": "**Paused** while the health board's information governance team reviews the consent wording "
                "against the new regional agreement. The paper huddle carries on in the meantime, and we expect an "
                "answer within six weeks.",
            },
        ],
    },
    {
        "key": "car-club",
        "name": "Shared electric car club",
        "goal": "A shared pool of electric cars for council and health board staff, replacing journeys in private "
        "cars.",
        "lead": "aisha",
        "members": [
            {"person": "karen", "hours_per_week": 2},
            {"person": "marek", "hours_per_week": 1},
            {"person": "tunde", "hours_per_week": 1},
        ],
        "status": "proposed",
        "updates": [
            {
                "by": "aisha",
                "days_ago": 45,
                "body": "Proposed to both leadership teams. Karen is checking the framework and Marek is building the "
                "business case.",
            },
            {
                "by": "marek",
                "days_ago": 21,
                "body": "Draft business case: payback in about 3.5 years on the first 20 electric cars. It goes to the "
                "joint leadership meeting next month for a decision to start.",
            },
        ],
    },
]

CHALLENGES = [
    {
        "key": "tell-us-once",
        "status": "running",
        "title": "Tell us once",
        "question": "How might we make sure residents and patients only have to tell their story once?",
        "background": "Residents tell us the same things again and again: their address, their medical history, "
        "who their carer is, what happened last time. An older person leaving hospital with care and equipment is "
        "asked for their details by **at least six different people** across the council, the health board and "
        "Fernlea.\n\n"
        "It wastes their time and ours, and every re-keying is a chance to get something wrong. This week we want "
        "ideas, big or small, that cut the number of times someone has to tell us something we already know. "
        "Ideas that work across organisations are especially welcome.",
        "sponsor": "helen",
        "facilitator": "siobhan",
        "ideas": [
            "one-referral-asc-dn",
            "tell-us-once-address",
            "my-details-page",
            "about-me-page",
        ],
        "posts": [
            {"day": 0, "hour": 9, "who": "siobhan", "kind": "comment",
             "body": "Welcome to the sprint! Today is for understanding the problem: if you have a story of someone "
             "telling us the same thing five times, post it here. Ideas can come in today and tomorrow."},
            {"day": 0, "hour": 11, "who": "aisha", "kind": "question",
             "body": "Does this include the details we collect for safeguarding referrals? Those have to be asked "
             "again by law in some cases, so we would need to know which ones are in scope."},
            {"day": 0, "hour": 14, "who": "siobhan", "kind": "comment",
             "body": "Good question, Aisha: anything a law or a regulator makes us ask again is out of scope. Everything "
             "else is in, including the things we ask again only because our systems do not talk to each other."},
            {"day": 1, "hour": 10, "who": "ravi", "kind": "comment",
             "body": "What we know so far: a hospital discharge with a care package and equipment means 6 to 9 "
             "contacts, and the address and next of kin are asked for at every one of them."},
            {"day": 1, "hour": 15, "who": "callum", "kind": "question",
             "body": "Can ideas that need a change to the shared care record still be voted on, even if the "
             "change would take longer than a year?"},
        ],
    },
    {
        "key": "home-when-ready",
        "status": "finished",
        "title": "Home when ready",
        "question": "How might we get people home from hospital as soon as they are medically fit?",
        "background": "On an average day about 30 people at Riverside General are medically fit to leave but still "
        "in a hospital bed. Every extra day in bed costs an older person muscle strength and confidence, and costs "
        "the system around £400.\n\n"
        "The causes cross every boundary: care packages, medicines, transport, equipment and homes that aren't "
        "ready. For five days, ward staff, social workers, therapists, housing officers and anyone else who wanted "
        "to join looked at the whole journey home and decided which ideas were worth taking forward.",
        "sponsor": "rhiannon",
        "facilitator": "tunde",
        "ideas": [
            "trusted-assessor",
            "volunteer-discharge-drivers",
            "discharge-lounge-late",
            "discharge-medicines-home",
            "discharge-date-board",
        ],
        "shortlist": ["trusted-assessor", "volunteer-discharge-drivers", "discharge-lounge-late"],
        "posts": [
            {"day": 0, "hour": 9, "who": "tunde", "kind": "comment",
             "body": "Welcome, everyone. Today we map the journey home from the ward to the front door: who is "
             "waiting for whom, and why. Post what you see on your own ward or team."},
            {"day": 0, "hour": 13, "who": "grace", "kind": "question",
             "body": "Will we have the numbers on why people wait? On our ward it feels like medicines, but I "
             "do not know if that is true across the hospital."},
            {"day": 1, "hour": 10, "who": "tunde", "kind": "comment",
             "body": "We audited 80 delayed discharges this morning: 61% were waiting for a package of care, 18% "
             "for medicines, 6% for the lounge or transport. The rest were a mix."},
            {"day": 3, "hour": 16, "who": "rhiannon", "kind": "update", "idea": "trusted-assessor",
             "body": "Therapists and social workers agreed the three safeguards together this afternoon; three of "
             "the five home care providers have said they would accept a trusted assessment."},
        ],
        "decisions": [
            {
                "idea": "trusted-assessor",
                "outcome": "take_forward",
                "reason": "The sprint showed that waiting for a care package is the biggest single cause of delay, "
                "and this tackles it directly. Therapists and social workers designed the safeguards together, and "
                "three of the five home care contracts already allow it.",
                "project": "trusted-assessors",
            },
            {
                "idea": "volunteer-discharge-drivers",
                "outcome": "park",
                "reason": "Worth doing, but the voluntary sector transport contract is re-tendered this summer, and "
                "volunteer discharge drives (with the 'settle in' visit) belong in that specification rather than in "
                "a second scheme.",
                "revisit_in_days": 30,
            },
            {
                "idea": "discharge-lounge-late",
                "outcome": "stop",
                "reason": "The sprint audit of 80 delayed patients found only 6% were waiting for the lounge or "
                "transport. Opening until 10pm would cost about £150,000 a year without touching the main causes "
                "of delay.",
                "learned": "Count before you build: 61% of delayed patients were waiting for a package of care and 18% "
                "for medicines. The audit pointed the sprint at care packages, which led straight to the trusted "
                "assessor project.",
            },
        ],
    },
]
