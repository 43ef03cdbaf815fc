// The demo intervention library: well-known interventions with the evidence
// level we can justify from the review linked as each one's source (What Works
// Clearinghouse, Evidence for ESSA, the NCII tools charts, a registry or the
// study itself). Where the evidence is thin, mixed or unreviewed we say
// "demonstrates a rationale" or "not rated" rather than claim a higher level,
// and the description says why. Dosage and components follow the developers'
// published descriptions; the grade range is the one the source or developer
// states, left null where none is stated (or the program spans every grade),
// so no plan is flagged on a guess.
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { interventionColumns, type InterventionColumns } from "@/server/interventions/schemas";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import { atHomeColumns, fillAtHomeIn } from "./at-home";

/** The at-home text for families is ./at-home.ts's, by name. */
export interface LibraryEntry extends Omit<InterventionColumns, "atHome" | "atHomeEs"> {
  components: string[];
  /** Keys of src/domain/measures.ts DEFAULT_MEASURES. */
  measures: string[];
}

export const DEMO_LIBRARY: readonly LibraryEntry[] = [
  // ------------------------------------------------------------- reading
  {
    name: "Sound Partners",
    area: "READING",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://ies.ed.gov/ncee/wwc/EvidenceSnapshot/475",
    description:
      "Phonics-based tutoring for K-3 students with below-average reading skills, written for tutors and paraprofessionals with little training: scripted lessons in letter sounds, blending, decoding and spelling, with oral reading of decodable books. What Works Clearinghouse (2010): positive effects on alphabetics and fluency and potentially positive effects on comprehension, from seven studies that meet its standards, four of them without reservations.",
    minutesPerSession: 30,
    sessionsPerWeek: 4,
    weeks: 20,
    groupSizeMin: 1,
    groupSizeMax: 2,
    gradeMin: "KG",
    gradeMax: "G3",
    components: [
      "Letter-sound review with the sound cards",
      "Phoneme blending and segmenting",
      "Decoding and spelling regular words",
      "Irregular high-frequency word practice",
      "Oral reading of a decodable book with error correction",
    ],
    measures: ["letter_sound_fluency", "orf_wcpm"],
  },
  {
    name: "Leveled Literacy Intervention (LLI)",
    area: "READING",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://ies.ed.gov/ncee/wwc/InterventionReport/679",
    description:
      "Short-term, small-group supplementary literacy intervention (Fountas & Pinnell) for struggling readers, with leveled books and systematic lessons in phonics, fluency, vocabulary, comprehension and writing. What Works Clearinghouse (2017): positive effects on general reading achievement and potentially positive effects on fluency for grades K-2, from two randomised studies (747 students in three districts) that meet its standards without reservations; no discernible effects on alphabetics.",
    minutesPerSession: 30,
    sessionsPerWeek: 5,
    weeks: 18,
    groupSizeMin: 3,
    groupSizeMax: 4,
    gradeMin: "KG",
    gradeMax: "G2",
    components: ["Rereading familiar books", "Phonics and word work", "Introduction and reading of a new book", "Writing about reading", "Letter and word work as time allows"],
    measures: ["orf_wcpm", "maze_correct"],
  },
  {
    name: "Reading Recovery",
    area: "READING",
    tiers: ["TIER_3"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://ies.ed.gov/ncee/wwc/EvidenceSnapshot/420",
    description:
      "Daily one-to-one tutoring by a trained Reading Recovery teacher for the lowest-achieving first graders, for 12 to 20 weeks. What Works Clearinghouse (2013): positive effects on general reading achievement and potentially positive effects on alphabetics, fluency and comprehension, from three randomised studies that meet its standards without reservations.",
    minutesPerSession: 30,
    sessionsPerWeek: 5,
    weeks: 20,
    groupSizeMin: 1,
    groupSizeMax: 1,
    gradeMin: "G1",
    gradeMax: "G1",
    components: [
      "Rereading familiar books",
      "Running record of yesterday's new book",
      "Letter and word work with magnetic letters",
      "Composing and writing a message",
      "Reassembling the cut-up sentence",
      "Introduction and first reading of a new book",
    ],
    measures: ["orf_wcpm", "letter_sound_fluency"],
  },
  {
    name: "First Grade PALS (Peer-Assisted Learning Strategies)",
    area: "READING",
    tiers: ["TIER_1", "TIER_2"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://www.evidenceforessa.org/program/peer-assisted-learning-strategies-pals-reading-elementary-whole-class/",
    description:
      "Class-wide peer tutoring: pairs of a stronger and a weaker reader take turns as coach and reader through letter sounds, decoding, sight words and passage reading, with a simple error-correction routine and points. Evidence for ESSA: Strong for whole-class use in first grade (two of three qualifying studies found significant positive effects), Moderate for struggling first-grade readers.",
    minutesPerSession: 35,
    sessionsPerWeek: 3,
    weeks: 13,
    groupSizeMin: 2,
    groupSizeMax: 2,
    gradeMin: "G1",
    gradeMax: "G1",
    components: [
      "Sound activities: letter sounds and sound boxes",
      "Decoding: sounding out and sight words",
      "Partner reading of a short story",
      "Switching roles between coach and reader",
      "Error correction and points",
    ],
    measures: ["letter_sound_fluency", "orf_wcpm"],
  },
  {
    name: "Corrective Reading: Decoding",
    area: "READING",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "RATIONALE",
    sourceUrl: "https://ies.ed.gov/ncee/WWC/intervention/383",
    description:
      "Scripted Direct Instruction programme for students in grade 3 and up who read below grade level (decoding levels A to C). What Works Clearinghouse: potentially positive effects on alphabetics and fluency for third graders (one study, 2007) but no discernible effects for adolescent readers (2010). Too thin and mixed to claim an ESSA tier, so we record a rationale.",
    minutesPerSession: 45,
    sessionsPerWeek: 5,
    weeks: null,
    groupSizeMin: 4,
    groupSizeMax: 8,
    gradeMin: "G3",
    gradeMax: "G12",
    components: ["Word-attack sound and word drills", "Group story reading with timed checks", "Individual reading checkouts", "Workbook exercises", "Points for each part of the lesson"],
    measures: ["orf_wcpm"],
  },
  {
    name: "Read Naturally",
    area: "READING",
    tiers: ["TIER_2"],
    evidenceLevel: "RATIONALE",
    sourceUrl: "https://ies.ed.gov/ncee/WWC/Intervention/325",
    description:
      "Supplemental fluency programme: the student reads a passage cold, reads along with a recording of a fluent reader, practises alone until a timed goal is met, then answers questions and graphs the result. What Works Clearinghouse (2013): potentially positive effects on general reading achievement, mixed effects on fluency, no discernible effects on alphabetics or comprehension, so we do not claim an ESSA tier.",
    minutesPerSession: 30,
    sessionsPerWeek: 5,
    weeks: 10,
    groupSizeMin: null,
    groupSizeMax: null,
    gradeMin: "G1",
    gradeMax: "G8",
    components: [
      "Key words and prediction",
      "One-minute cold timing",
      "Reading along with the recording",
      "Practising alone until the goal rate",
      "Comprehension questions and retell",
      "Hot timing and graphing",
    ],
    measures: ["orf_wcpm"],
  },
  {
    name: "Repeated reading with corrective feedback",
    area: "READING",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "RATIONALE",
    sourceUrl: "https://ies.ed.gov/ncee/wwc/InterventionReport/576",
    description:
      "A practice rather than a product: the student reads a 50-200 word passage aloud at least three times to an adult who supplies misread words, until a fluency criterion is met. What Works Clearinghouse (2014, students with learning disabilities): potentially positive effects on comprehension and no discernible effects on fluency, from small studies. Fluency practice is well founded, so we record a rationale.",
    minutesPerSession: 15,
    sessionsPerWeek: 3,
    weeks: 10,
    groupSizeMin: 1,
    groupSizeMax: 1,
    gradeMin: null,
    gradeMax: null,
    components: [
      "Choose an instructional-level passage of 50-200 words",
      "Preview or model the passage",
      "Student reads it aloud at least three times",
      "Misread words corrected at once",
      "Final reading timed and words correct per minute graphed",
    ],
    measures: ["orf_wcpm"],
  },
  {
    name: "Great Leaps Reading",
    area: "READING",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "RATIONALE",
    sourceUrl:
      "http://www.nasponline.org/publications/periodicals/spr/volume-39/volume-39-issue-1/a-control-group-comparison-of-two-reading-fluency-programs-the-helping-early-literacy-with-practice-strategies-(helps)-program-and-the-great-leaps-k-2-reading-program",
    description:
      "Daily one-minute timed readings of a phonics page, sight phrases and a short story, with immediate error correction and a progress graph; often delivered by paraprofessionals or volunteers. The research is mostly single-case studies, and a control-group comparison (Begeny et al., 2010) found no significant gains over controls for the K-2 programme, so we record a rationale only.",
    minutesPerSession: 10,
    sessionsPerWeek: 5,
    weeks: null,
    groupSizeMin: 1,
    groupSizeMax: 1,
    gradeMin: null,
    gradeMax: null,
    components: ["One-minute phonics page", "One-minute sight-phrase page", "One-minute story reading", "Error correction and modelling", "Student graphs the day's scores"],
    measures: ["orf_wcpm", "letter_sound_fluency"],
  },
  // ---------------------------------------------------------------- math
  {
    name: "Number Rockets",
    area: "MATH",
    tiers: ["TIER_2"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://www.evidenceforessa.org/program/number-rockets/",
    description:
      "Scripted small-group tutoring for first graders struggling in math, moving from objects to pictures to numbers: number sense, place value, addition and subtraction and word problems, with a short fluency drill. Evidence for ESSA: Strong (one randomised study of 994 students, effect size +0.34).",
    minutesPerSession: 40,
    sessionsPerWeek: 3,
    weeks: 17,
    groupSizeMin: 2,
    groupSizeMax: 3,
    gradeMin: "G1",
    gradeMax: "G1",
    components: [
      "Scripted lesson with concrete manipulatives",
      "From objects to pictures to numbers",
      "Guided practice with the tutor",
      "Timed math-fact fluency practice",
      "On-task behaviour points and rewards",
    ],
    measures: ["math_computation_dcpm", "math_concepts_points"],
  },
  {
    name: "ROOTS (Whole Number Foundations Level K)",
    area: "MATH",
    tiers: ["TIER_2"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://nemtss.unl.edu/program-comparison-chart/program/index.php?id=e016bd7c982e75da66fdf3f2ebfe49d3",
    description:
      "Fifty scripted lessons for kindergarteners at risk in math, delivered by instructional assistants to small groups: counting and cardinality, number operations and place value, with explicit modelling and visual models. Two randomised trials (Clarke et al., 2016 and 2017) found significant gains; rated Strong under ESSA in the Nebraska MTSS programme chart.",
    minutesPerSession: 20,
    sessionsPerWeek: 5,
    weeks: 10,
    groupSizeMin: 2,
    groupSizeMax: 5,
    gradeMin: "KG",
    gradeMax: "KG",
    components: [
      "Counting and cardinality activity",
      "Number operations activity",
      "Base-10 and place-value activity",
      "Teacher modelling with visual representations",
      "Daily math practice sheet with feedback",
    ],
    measures: ["math_concepts_points"],
  },
  {
    name: "Fusion (Whole Number Foundations Level 1)",
    area: "MATH",
    tiers: ["TIER_2"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://ies.ed.gov/ncee/WWC/Study/90947",
    description:
      "Sixty scripted 30-minute lessons for first graders at risk in whole-number concepts: number sense, basic facts, place value, multi-digit computation without regrouping and word problems. A What Works Clearinghouse single-study review (2023; a randomised trial of 460 students) found strong evidence on number and operations outcomes.",
    minutesPerSession: 30,
    sessionsPerWeek: 3,
    weeks: 20,
    groupSizeMin: 2,
    groupSizeMax: 5,
    gradeMin: "G1",
    gradeMax: "G1",
    components: [
      "Explicit introduction of new content",
      "Number sense and place-value activity",
      "Word-problem solving with math models",
      "Systematic practice and cumulative review",
      "Academic feedback on group and individual responses",
    ],
    measures: ["math_computation_dcpm", "math_concepts_points"],
  },
  {
    name: "Pirate Math",
    area: "MATH",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://www.evidenceforessa.org/program/pirate-math/",
    description:
      "One-to-one tutoring for third graders struggling with calculation and word problems: students learn the total, difference and change problem types, write an equation with X for the missing number and check the answer, after a math-fact flash-card warm-up, with treasure-map rewards. Evidence for ESSA: Strong (one qualifying study, effect size +0.37).",
    minutesPerSession: 25,
    sessionsPerWeek: 3,
    weeks: 16,
    groupSizeMin: 1,
    groupSizeMax: 1,
    gradeMin: "G3",
    gradeMax: "G3",
    components: [
      "Math-fact flash cards with counting up",
      "Word-problem warm-up",
      "Instruction on the day's problem type",
      "Setting up and solving the equation (find X)",
      "Sorting word problems by type",
      "Treasure-map reward for correct work",
    ],
    measures: ["math_computation_dcpm", "math_concepts_points"],
  },
  // ------------------------------------------------------------- writing
  {
    name: "SRSD for opinion writing (POW + TREE)",
    area: "WRITING",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "PROMISING",
    sourceUrl: "https://charts.intensiveintervention.org/chart/academic-intervention-chart/13666",
    description:
      "Self-Regulated Strategy Development: the six SRSD stages teach a planning strategy for opinion essays (POW: Pick my idea, Organise my notes, Write and say more; TREE: Topic sentence, Reasons, Explain reasons, Ending) with goal setting, self-instruction and self-monitoring; students move on when they meet the criterion. Randomised trials at Tier 2 (e.g. Lane et al., 2011, second grade) found significant gains in small samples, so we record Promising.",
    minutesPerSession: 30,
    sessionsPerWeek: 3,
    weeks: 8,
    groupSizeMin: 2,
    groupSizeMax: 6,
    gradeMin: null,
    gradeMax: null,
    components: [
      "Background knowledge: the parts of an opinion essay",
      "Discuss the strategy and set a goal",
      "Model the strategy with self-talk",
      "Memorise the mnemonics",
      "Collaborative, then guided writing",
      "Independent writing with a self-monitoring graph",
    ],
    measures: ["written_expression_cws"],
  },
  {
    name: "SRSD for story writing (POW + WWW)",
    area: "WRITING",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "PROMISING",
    sourceUrl: "https://charts.intensiveintervention.org/chart/academic-intervention-chart/13666",
    description:
      "Self-Regulated Strategy Development for stories: POW with WWW, What = 2, How = 2 (who, when, where; what the main character wants and what happens; how it ends and how the character feels), taught through the six SRSD stages with goal setting and self-monitoring. Same evidence as SRSD for opinion writing: significant gains in small randomised trials, so Promising.",
    minutesPerSession: 30,
    sessionsPerWeek: 3,
    weeks: 8,
    groupSizeMin: 2,
    groupSizeMax: 6,
    gradeMin: null,
    gradeMax: null,
    components: [
      "Background knowledge: the parts of a story",
      "Discuss the strategy and graph a baseline story",
      "Model planning with WWW, What = 2, How = 2",
      "Memorise the mnemonics",
      "Collaborative, then guided story writing",
      "Independent writing and self-assessment",
    ],
    measures: ["written_expression_cws"],
  },
  // ----------------------------------------------------------- behaviour
  {
    name: "Check-In/Check-Out (CICO)",
    area: "BEHAVIOR",
    tiers: ["TIER_2"],
    evidenceLevel: "RATIONALE",
    sourceUrl: "https://charts.intensiveintervention.org/intervention/toolSGL/2498ddfcf7846964",
    description:
      "Also called the Behavior Education Program. The student checks in with a coordinator each morning, carries a daily progress report rated against the school-wide expectations each period, and checks out at the end of the day, earning a reward when the daily goal (often 80% of points) is met; the card goes home for a signature. The research is single-case studies (e.g. Hawken & Horner, 2003; Todd et al., 2008), which the ESSA levels do not count, so we record a rationale.",
    minutesPerSession: 10,
    sessionsPerWeek: 5,
    weeks: null,
    groupSizeMin: 1,
    groupSizeMax: 1,
    gradeMin: null,
    gradeMax: null,
    components: [
      "Morning check-in: goal reviewed and card given",
      "Teacher rating and feedback each period",
      "Afternoon check-out: points totalled",
      "Reward when the daily goal is met",
      "Card home for a family signature",
    ],
    measures: ["cico_percent_points", "behaviour_incidents_per_day"],
  },
  {
    name: "Good Behavior Game",
    area: "BEHAVIOR",
    tiers: ["TIER_1", "TIER_2"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://seernet.org/ies/new-wwc-intervention-report-on-good-behavior-game/",
    description:
      "Classroom-wide team game: the teacher posts the rules, divides the class into balanced teams, marks rule breaks during a set period, and every team at or under the limit wins a small reward. What Works Clearinghouse (2023; 16 studies, 8,387 students): strong evidence of a positive effect on student behaviour.",
    minutesPerSession: 20,
    sessionsPerWeek: 3,
    weeks: null,
    groupSizeMin: null,
    groupSizeMax: null,
    gradeMin: null,
    gradeMax: null,
    components: ["Review the posted classroom rules", "Announce the game and its time period", "Mark rule breaks by team", "Praise teams following the rules", "Reward every team under the limit"],
    measures: ["dbr_disruptive_behaviour", "behaviour_incidents_per_day"],
  },
  {
    name: "Coping Power",
    area: "BEHAVIOR",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "PROMISING",
    sourceUrl: "http://www.blueprintsprograms.com/evaluation-abstract/coping-power",
    description:
      "Cognitive-behavioural group programme for aggressive children in grades 4-6 and their parents: anger awareness and coping, perspective taking, social problem solving and goal setting for the child, with parallel parent sessions on consistent discipline (the school-year version is about 24 child sessions). Randomised trials (Lochman & Wells) found less aggression and delinquency; Blueprints rates it Promising, and so do we.",
    minutesPerSession: 45,
    sessionsPerWeek: 1,
    weeks: 24,
    groupSizeMin: 4,
    groupSizeMax: 6,
    gradeMin: "G4",
    gradeMax: "G6",
    components: [
      "Review of the weekly behaviour goal",
      "Anger awareness and coping skills practice",
      "Perspective taking and attribution practice",
      "Social problem solving: problem, choices, consequences",
      "Role-play with feedback",
    ],
    measures: ["behaviour_incidents_per_day", "dbr_disruptive_behaviour"],
  },
  {
    name: "Self-monitoring of on-task behaviour",
    area: "BEHAVIOR",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "NOT_RATED",
    sourceUrl: null,
    description:
      "The student rates their own on-task behaviour at a cue (a timer or a tone) on a simple form and compares the ratings with the teacher's; often paired with Check-In/Check-Out. A practice the district wrote up itself, with no evidence review behind this version, so not rated.",
    minutesPerSession: null,
    sessionsPerWeek: 5,
    weeks: 6,
    groupSizeMin: 1,
    groupSizeMax: 1,
    gradeMin: null,
    gradeMax: null,
    components: [
      "Teach and model on-task behaviour",
      "Agree the self-monitoring cue and form",
      "Student rates at each cue",
      "Teacher and student compare ratings",
      "Reinforce accurate ratings and goals met",
    ],
    measures: ["dbr_academic_engagement"],
  },
  // ----------------------------------------------------------------- SEL
  {
    name: "Second Step",
    area: "SOCIAL_EMOTIONAL",
    tiers: ["TIER_1"],
    evidenceLevel: "RATIONALE",
    sourceUrl: "https://naspjournals.org/doi/10.17105/spr-15-0052.1",
    description:
      "Classroom social-emotional learning curriculum (Committee for Children): weekly lessons on empathy, emotion management, problem solving and bullying prevention, with short daily practice. Randomised trials are mixed: a cluster-randomised middle-school trial found less physical aggression after one year but no direct effects on bullying after three (Espelage et al., 2013 and 2015), so we record a rationale only.",
    minutesPerSession: 30,
    sessionsPerWeek: 1,
    weeks: 25,
    groupSizeMin: null,
    groupSizeMax: null,
    gradeMin: "PK",
    gradeMax: "G8",
    components: ["Weekly lesson: story and discussion", "Skill practice and role-play", "Daily brain-builder activity", "Home link sent to families"],
    measures: ["dbr_disruptive_behaviour"],
  },
  {
    name: "Social skills group",
    area: "SOCIAL_EMOTIONAL",
    tiers: ["TIER_2"],
    evidenceLevel: "NOT_RATED",
    sourceUrl: null,
    description:
      "A small group led by the counsellor or school psychologist that teaches one social skill at a time (joining in, taking turns, disagreeing politely) with modelling, role-play and practice between sessions. A locally designed group rather than a published programme, so not rated.",
    minutesPerSession: 30,
    sessionsPerWeek: 1,
    weeks: 8,
    groupSizeMin: 3,
    groupSizeMax: 6,
    gradeMin: null,
    gradeMax: null,
    components: ["Review last week's practice", "Name the skill and why it matters", "Model the steps of the skill", "Role-play with feedback", "Plan where to practise before next time"],
    measures: ["dbr_disruptive_behaviour", "dbr_academic_engagement"],
  },
  {
    name: "Zones of Regulation",
    area: "SOCIAL_EMOTIONAL",
    tiers: ["TIER_1", "TIER_2"],
    evidenceLevel: "NOT_RATED",
    sourceUrl: null,
    description:
      "A framework that teaches students to notice their level of alertness and emotion (four coloured zones) and to choose a tool to regulate it. Widely used, but we found no rigorous study of its effects, so not rated.",
    minutesPerSession: 20,
    sessionsPerWeek: 2,
    weeks: 12,
    groupSizeMin: null,
    groupSizeMax: null,
    gradeMin: null,
    gradeMax: null,
    components: ["Lesson on recognising the zones", "Check-in: which zone am I in?", "Practise a regulation tool", "Plan which tool to use when", "Reflect on using it"],
    measures: ["dbr_disruptive_behaviour"],
  },
  // ---------------------------------------------------------- attendance
  {
    name: "Check & Connect",
    area: "ATTENDANCE",
    tiers: ["TIER_2", "TIER_3"],
    evidenceLevel: "PROMISING",
    sourceUrl: "https://ies.ed.gov/ncee/wwc/interventionreport.aspx?sid=78",
    description:
      "A monitor (mentor) checks each student's attendance, behaviour and grades at least weekly, meets the student at least twice a month, works with the family and steps up support when warning signs appear, staying with the student for at least two years. What Works Clearinghouse (2015): positive effects on staying in school from two randomised studies of students with disabilities in Minneapolis high schools. Small samples in one city, so we record Promising rather than Strong.",
    minutesPerSession: 30,
    sessionsPerWeek: 1,
    weeks: 36,
    groupSizeMin: 1,
    groupSizeMax: 1,
    gradeMin: "KG",
    gradeMax: "G12",
    components: [
      "Check attendance, behaviour and grades",
      "Meet the student: encouragement and problem solving",
      "Contact the family",
      "Step up support when a warning sign appears",
      "Record the contact and next steps",
    ],
    measures: ["attendance_rate", "minutes_tardy_per_week"],
  },
  {
    name: "Personalised absence letters to families",
    area: "ATTENDANCE",
    tiers: ["TIER_1"],
    evidenceLevel: "STRONG",
    sourceUrl: "https://www.nature.com/articles/s41562-018-0328-1",
    description:
      "Letters mailed several times a year to families of students at risk of chronic absence, telling them their child's total days missed (which parents usually underestimate) next to what is typical for classmates. A randomised trial with the families of 28,080 students (Rogers & Feller, 2018) reduced chronic absenteeism by 10% or more.",
    minutesPerSession: null,
    sessionsPerWeek: null,
    weeks: null,
    groupSizeMin: null,
    groupSizeMax: null,
    gradeMin: "KG",
    gradeMax: "G12",
    components: [
      "Check each student's days missed to date",
      "Send the letter with the student's total absences",
      "Compare with typical classmates",
      "Say why attendance matters and whom to call",
      "Log the mailing date",
    ],
    measures: ["attendance_rate"],
  },
  {
    name: "Attendance mentor",
    area: "ATTENDANCE",
    tiers: ["TIER_2"],
    evidenceLevel: "NOT_RATED",
    sourceUrl: null,
    description:
      "A staff member greets the student every morning, calls home on the day of any absence, and meets the student weekly to set an attendance goal and remove barriers. A local version of attendance mentoring whose evaluations we have not reviewed, so not rated.",
    minutesPerSession: 10,
    sessionsPerWeek: 5,
    weeks: 12,
    groupSizeMin: 1,
    groupSizeMax: 1,
    gradeMin: null,
    gradeMax: null,
    components: [
      "Morning greeting and check-in",
      "Same-day call home after an absence",
      "Weekly attendance goal with the student",
      "Problem solving of barriers: transport, health, family",
      "Celebrate attendance goals met",
    ],
    measures: ["attendance_rate", "minutes_tardy_per_week"],
  },
];

/**
 * Gives a district the default measures and the demo library, adding only what
 * it lacks (measures by key, interventions by name), so it can run on every
 * seed. Returns how many rows of either it added.
 */
export async function seedLibrary(tx: Tx, districtId: string): Promise<number> {
  const addedMeasures = await ensureDefaultMeasures(tx, districtId);
  const have = new Set((await tx.intervention.findMany({ where: { districtId }, select: { name: true } })).map((i) => i.name));
  const missing = DEMO_LIBRARY.filter((entry) => !have.has(entry.name));
  if (missing.length === 0) return addedMeasures + (await fillAtHomeIn(tx, districtId));

  const measureIds = new Map((await tx.measure.findMany({ where: { districtId }, select: { id: true, key: true } })).map((m) => [m.key, m.id]));
  const created = await tx.intervention.createManyAndReturn({
    data: missing.map((entry) => ({ ...interventionColumns({ ...entry, ...atHomeColumns(entry.name) }), districtId })),
    select: { id: true, name: true },
  });
  const idOf = new Map(created.map((c) => [c.name, c.id]));
  const components: Prisma.InterventionComponentCreateManyInput[] = [];
  const measures: Prisma.InterventionMeasureCreateManyInput[] = [];
  for (const entry of missing) {
    const interventionId = idOf.get(entry.name)!;
    entry.components.forEach((label, position) => components.push({ districtId, interventionId, label, position }));
    for (const key of entry.measures) {
      const measureId = measureIds.get(key);
      if (!measureId) throw new Error(`The library entry ${entry.name} names the measure ${key}, which the district does not have.`);
      measures.push({ districtId, interventionId, measureId });
    }
  }
  await tx.interventionComponent.createMany({ data: components });
  await tx.interventionMeasure.createMany({ data: measures });
  return addedMeasures + created.length;
}
