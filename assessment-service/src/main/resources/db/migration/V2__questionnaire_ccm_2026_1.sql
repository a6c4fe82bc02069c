-- ccm-2026.1, the seed questionnaire (../shared/design/questionnaire-ccm-2026.1.json), verbatim,
-- plus a concrete next step per statement for recommendations. Published: it never changes.
insert into questionnaire (version, title, definition, published_at) values ('ccm-2026.1', 'Customer-centricity maturity self-assessment', $json$
{
  "id": "ccm-2026.1",
  "title": "Customer-centricity maturity self-assessment",
  "scale": {
    "min": 1,
    "max": 5,
    "labels": {
      "1": "Strongly disagree",
      "2": "Disagree",
      "3": "Neither agree nor disagree",
      "4": "Agree",
      "5": "Strongly agree"
    }
  },
  "levels": [
    {
      "level": 1,
      "name": "Nascent",
      "from": 0
    },
    {
      "level": 2,
      "name": "Emerging",
      "from": 20
    },
    {
      "level": 3,
      "name": "Developing",
      "from": 40
    },
    {
      "level": 4,
      "name": "Established",
      "from": 60
    },
    {
      "level": 5,
      "name": "Leading",
      "from": 80
    }
  ],
  "dimensions": [
    {
      "id": "research",
      "name": "Customer insight and research",
      "weight": 1.0,
      "statements": [
        {
          "id": "research.blend",
          "text": "We combine quantitative sources (analytics, surveys, market data) with qualitative research (interviews, observation) before major product decisions.",
          "nextStep": "Pair every major decision's analytics review with at least three customer interviews."
        },
        {
          "id": "research.continuous",
          "text": "Teams talk directly with customers at least monthly, not only at the start of a project.",
          "nextStep": "Give each team a standing monthly slot of customer conversations and track that it happens."
        },
        {
          "id": "research.role",
          "text": "Researchers take part in setting product direction, not only in validating finished designs.",
          "nextStep": "Invite researchers to roadmap and discovery sessions, not only to usability tests."
        },
        {
          "id": "research.worth",
          "text": "We ask customers what a solution would be worth to them before we decide what to build or how to price it.",
          "nextStep": "Add a willingness-to-pay or value question to discovery interviews before committing."
        },
        {
          "id": "research.opinion",
          "text": "Most product decisions here rest on internal opinion rather than customer evidence.",
          "reverse": true,
          "nextStep": "Require the customer evidence behind each major decision to be written next to it."
        }
      ]
    },
    {
      "id": "strategy",
      "name": "Strategy and leadership",
      "weight": 1.0,
      "statements": [
        {
          "id": "strategy.problems",
          "text": "Our product strategy is written in terms of customer problems and outcomes, not a list of features.",
          "nextStep": "Rewrite the product strategy as customer problems and outcomes, with features as options."
        },
        {
          "id": "strategy.evidence",
          "text": "Leaders change course when customer evidence contradicts their plans.",
          "nextStep": "Schedule a quarterly review where leaders revisit plans against new customer evidence."
        },
        {
          "id": "strategy.delegation",
          "text": "Product teams, not senior leaders, make the day-to-day product decisions within an agreed strategy.",
          "nextStep": "Agree decision rights: leaders set outcomes and guardrails, teams decide the how."
        },
        {
          "id": "strategy.servant",
          "text": "Managers see their main job as giving teams what they need to serve customers well.",
          "nextStep": "Make removing blockers for teams an explicit goal in managers' objectives."
        },
        {
          "id": "strategy.measures",
          "text": "Leadership reviews customer outcome measures as regularly as financial ones.",
          "nextStep": "Put two or three customer outcome measures on the same dashboard leaders review for finance."
        }
      ]
    },
    {
      "id": "product",
      "name": "Product management",
      "weight": 1.0,
      "statements": [
        {
          "id": "product.strategic",
          "text": "Our product managers shape strategy and roadmap; they are not only backlog administrators.",
          "nextStep": "Give product managers ownership of a roadmap outcome and time to work on it."
        },
        {
          "id": "product.backlog",
          "text": "Our backlogs describe customer problems and the outcomes we want, rather than prescribed features.",
          "nextStep": "Start backlog items with the customer problem and the outcome; let the team propose the solution."
        },
        {
          "id": "product.prototype",
          "text": "We test prototypes with customers before committing to build.",
          "nextStep": "Test a clickable or paper prototype with five customers before each build commitment."
        },
        {
          "id": "product.balance",
          "text": "Product managers weigh customer value, technical feasibility and business viability together.",
          "nextStep": "Review value, feasibility and viability together in one discovery ritual with design and engineering."
        },
        {
          "id": "product.output",
          "text": "Teams are judged mainly by the number of features they ship.",
          "reverse": true,
          "nextStep": "Report outcomes reached, not features shipped, in team reviews."
        }
      ]
    },
    {
      "id": "communication",
      "name": "Communication",
      "weight": 1.5,
      "statements": [
        {
          "id": "communication.upward",
          "text": "Customer insights reliably reach senior leadership, unfiltered.",
          "nextStep": "Send leadership a short, unedited digest of customer quotes and findings every month."
        },
        {
          "id": "communication.strategy",
          "text": "Everyone here can explain our strategic goals and the customer problems behind them.",
          "nextStep": "Explain the strategy and the customer problems behind it in every all-hands and team kickoff."
        },
        {
          "id": "communication.crossteam",
          "text": "Teams know what other teams are working on and why.",
          "nextStep": "Publish every team's current goals and work in one place everyone can see."
        },
        {
          "id": "communication.vision",
          "text": "We have a vivid, shared picture of the customer experience we are creating, and we refer to it often.",
          "nextStep": "Write and illustrate the target customer experience, and refer to it in planning."
        },
        {
          "id": "communication.onboarding",
          "text": "New joiners learn our customers, mission and values as part of onboarding.",
          "nextStep": "Add customer calls and the mission story to every new joiner's first weeks."
        }
      ]
    },
    {
      "id": "teams",
      "name": "Teams and collaboration",
      "weight": 1.0,
      "statements": [
        {
          "id": "teams.crossfunctional",
          "text": "Product, design, engineering and research work in one team on one customer problem.",
          "nextStep": "Form one team with product, design, engineering and research around one customer problem."
        },
        {
          "id": "teams.frontline",
          "text": "Support and sales staff work directly with product teams on what customers report.",
          "nextStep": "Bring support and sales into a regular review of what customers report with product teams."
        },
        {
          "id": "teams.silos",
          "text": "Departmental boundaries often stop us from fixing a customer's problem.",
          "reverse": true,
          "nextStep": "Name an owner for each customer problem that crosses departments and give them the mandate to fix it."
        },
        {
          "id": "teams.learning",
          "text": "Teams regularly share what they learned from customers with other teams.",
          "nextStep": "Hold a short monthly session where teams share what they learned from customers."
        },
        {
          "id": "teams.autonomy",
          "text": "Teams can change how they work without asking for permission.",
          "nextStep": "Let teams change their own working practices and only report the change."
        }
      ]
    },
    {
      "id": "service",
      "name": "Service design",
      "weight": 1.0,
      "statements": [
        {
          "id": "service.journey",
          "text": "We design the customer's whole journey across every channel and touchpoint, not single screens or features.",
          "nextStep": "Map one end-to-end customer journey across all channels and fix its worst step."
        },
        {
          "id": "service.consistency",
          "text": "A customer gets the same quality of experience on every channel we offer.",
          "nextStep": "Measure experience quality per channel and close the largest gap first."
        },
        {
          "id": "service.stakeholders",
          "text": "We consider everyone our service affects, including partners and regulators, when we design it.",
          "nextStep": "List everyone a service affects, partners and regulators included, at the start of design."
        },
        {
          "id": "service.role",
          "text": "Someone is responsible for the end-to-end experience across products.",
          "nextStep": "Appoint an owner of the end-to-end experience across products."
        },
        {
          "id": "service.internal",
          "text": "We fix internal processes when they show through as a poor customer experience.",
          "nextStep": "Trace the top customer complaints to the internal processes behind them and fix one per quarter."
        }
      ]
    },
    {
      "id": "enablement",
      "name": "Tools, process and governance",
      "weight": 1.0,
      "statements": [
        {
          "id": "enablement.repository",
          "text": "Customer conversations and feedback are recorded where any team can search them.",
          "nextStep": "Store interview notes and feedback in one searchable repository open to every team."
        },
        {
          "id": "enablement.patterns",
          "text": "We spot recurring customer problems within days, not quarters.",
          "nextStep": "Tag incoming feedback weekly so recurring problems surface within days."
        },
        {
          "id": "enablement.loop",
          "text": "A problem we learn about from customers can reach a shipped change within weeks.",
          "nextStep": "Measure the time from a customer problem being reported to a shipped change, and shorten it."
        },
        {
          "id": "enablement.governance",
          "text": "Our governance and approval processes slow down changes that customers ask for.",
          "reverse": true,
          "nextStep": "Give teams pre-approved paths for small customer-requested changes."
        },
        {
          "id": "enablement.automation",
          "text": "We automate routine work so people can spend their time on customers.",
          "nextStep": "Automate the most time-consuming routine task that keeps people from customers."
        }
      ]
    }
  ]
}
$json$::jsonb, timestamp with time zone '2026-01-01 00:00:00+00');
