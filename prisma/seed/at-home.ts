// What a family can do at home for each intervention of the demo library
// (issue 19): short, plain sentences without acronyms, for the family
// progress report. The Spanish is a person's translation checked into the
// project, never produced by a machine at run time.
import type { Tx } from "@/server/db/tenant";

export interface AtHomeText {
  en: string;
  es: string;
}

/** By the library entry's name (prisma/seed/library.ts); a test checks every entry has both languages. */
export const DEMO_AT_HOME: Readonly<Record<string, AtHomeText>> = {
  "Sound Partners": {
    en: "Ask your child to show you the sounds the letters make. Play a game: say a short word slowly, sound by sound (c-a-t), and let your child say the whole word. Read a short book together every day.",
    es: "Pida a su hijo que le muestre los sonidos de las letras. Jueguen a decir una palabra corta despacio, sonido por sonido (s-o-l), y que su hijo diga la palabra entera. Lean juntos un libro corto todos los días.",
  },
  "Leveled Literacy Intervention (LLI)": {
    en: "Your child may bring home a small book from the lessons. Listen to your child read it to you. Praise the effort. Ask what happened in the story.",
    es: "Su hijo puede traer a casa un libro pequeño de las clases. Escuche a su hijo leerlo en voz alta. Felicítelo por el esfuerzo. Pregúntele qué pasó en el cuento.",
  },
  "Reading Recovery": {
    en: "Listen to your child read the book sent home each day. When your child gets stuck, wait a moment before helping. Ask: does that look right and make sense?",
    es: "Escuche a su hijo leer el libro que trae a casa cada día. Cuando su hijo no sepa una palabra, espere un momento antes de ayudar. Pregúntele: ¿se ve bien y tiene sentido?",
  },
  "First Grade PALS (Peer-Assisted Learning Strategies)": {
    en: "Take turns reading with your child, one page each. After each page, ask your child to tell you in a few words what it was about.",
    es: "Lean por turnos con su hijo, una página cada uno. Después de cada página, pida a su hijo que le diga en pocas palabras de qué se trataba.",
  },
  "Corrective Reading: Decoding": {
    en: "Ask your child to read aloud to you for 10 minutes a day. If a word is read wrong, point to it and let your child try again. Keep it short and friendly.",
    es: "Pida a su hijo que le lea en voz alta 10 minutos al día. Si lee mal una palabra, señálela y deje que lo intente otra vez. Que sea un rato corto y agradable.",
  },
  "Read Naturally": {
    en: "Listen to your child read the same short passage two or three times. Notice how it gets smoother each time and tell your child. Talk about what the passage said.",
    es: "Escuche a su hijo leer el mismo texto corto dos o tres veces. Fíjese en que cada vez lo lee con más soltura y díganselo. Hablen de lo que decía el texto.",
  },
  "Repeated reading with corrective feedback": {
    en: "Choose a short page your child likes. Read it aloud first. Then your child reads it to you three times. Gently help with any word that was read wrong.",
    es: "Elija una página corta que le guste a su hijo. Léala usted primero en voz alta. Luego su hijo se la lee tres veces. Ayúdele con cariño con las palabras que lea mal.",
  },
  "Great Leaps Reading": {
    en: "Ask your child to show you the one-minute reading pages. Cheer when your child beats the last time. A few minutes of reading together each day helps.",
    es: "Pida a su hijo que le muestre las páginas de lectura de un minuto. Celebre cuando mejore su tiempo anterior. Leer juntos unos minutos cada día ayuda.",
  },
  "Number Rockets": {
    en: "Count things together at home: spoons, steps, toys. Play simple card or dice games and add the numbers. Ask your child how they got the answer.",
    es: "Cuenten cosas juntos en casa: cucharas, escalones, juguetes. Jueguen a juegos sencillos de cartas o dados y sumen los números. Pregunte a su hijo cómo llegó a la respuesta.",
  },
  "ROOTS (Whole Number Foundations Level K)": {
    en: "Count objects with your child and say how many there are. Ask which group has more. Count forward and backward together, for example on the stairs.",
    es: "Cuente objetos con su hijo y digan cuántos hay. Pregúntele qué grupo tiene más. Cuenten hacia adelante y hacia atrás juntos, por ejemplo en las escaleras.",
  },
  "Fusion (Whole Number Foundations Level 1)": {
    en: "Practise adding and taking away with small things, like coins or beans. Ask your child to explain the answer. Play games with dice or cards.",
    es: "Practiquen sumar y restar con cosas pequeñas, como monedas o frijoles. Pida a su hijo que le explique la respuesta. Jueguen con dados o cartas.",
  },
  "Pirate Math": {
    en: "Make up short number stories from daily life: \"We had 7 apples and ate 2. How many are left?\" Ask your child to draw the story before solving it.",
    es: "Inventen problemas cortos con cosas del día a día: \"Teníamos 7 manzanas y comimos 2. ¿Cuántas quedan?\" Pida a su hijo que dibuje el problema antes de resolverlo.",
  },
  "SRSD for opinion writing (POW + TREE)": {
    en: "Ask your child's opinion about something, like a favourite food. Ask for three reasons. Help your child write them down, with an ending sentence.",
    es: "Pregunte a su hijo su opinión sobre algo, por ejemplo su comida favorita. Pídale tres razones. Ayúdele a escribirlas, con una frase final.",
  },
  "SRSD for story writing (POW + WWW)": {
    en: "Tell stories together. Ask: who is in the story, where and when is it, what happens, and how does it end? Let your child write or draw the story.",
    es: "Cuenten cuentos juntos. Pregunte: ¿quién está en el cuento, dónde y cuándo pasa, qué sucede y cómo termina? Deje que su hijo escriba o dibuje el cuento.",
  },
  "Check-In/Check-Out (CICO)": {
    en: "Your child brings home a daily point card. Look at it together each evening. Praise the good parts first. Sign it and send it back the next day.",
    es: "Su hijo trae a casa una tarjeta de puntos cada día. Mírenla juntos cada tarde. Felicítelo primero por lo que salió bien. Fírmela y envíela de vuelta al día siguiente.",
  },
  "Good Behavior Game": {
    en: "Ask your child about the class team game. Talk about the class rules and why they help. Praise your child when they follow rules at home too.",
    es: "Pregunte a su hijo por el juego en equipo de la clase. Hablen de las reglas de la clase y por qué ayudan. Felicite a su hijo cuando también siga las reglas en casa.",
  },
  "Coping Power": {
    en: "When your child is upset, help them name the feeling. Practise calming down together: slow breaths or counting to ten. Praise calm choices.",
    es: "Cuando su hijo esté molesto, ayúdele a ponerle nombre a lo que siente. Practiquen juntos cómo calmarse: respirar despacio o contar hasta diez. Felicítelo cuando elija calmarse.",
  },
  "Self-monitoring of on-task behaviour": {
    en: "At homework time, give your child a short checklist to tick: \"Am I working?\" every few minutes. Look at it together afterwards and praise the effort.",
    es: "A la hora de las tareas, dé a su hijo una lista corta para marcar cada pocos minutos: \"¿Estoy trabajando?\". Revísenla juntos después y felicítelo por el esfuerzo.",
  },
  "Second Step": {
    en: "Ask your child what they learned about feelings or friends this week. Share how you handle strong feelings. Practise saying kind words to solve a problem.",
    es: "Pregunte a su hijo qué aprendió esta semana sobre los sentimientos o los amigos. Cuéntele cómo maneja usted los sentimientos fuertes. Practiquen palabras amables para resolver un problema.",
  },
  "Social skills group": {
    en: "Practise the week's skill at home, like taking turns or asking to join a game. Notice when your child uses it and say what you saw.",
    es: "Practiquen en casa la habilidad de la semana, como esperar su turno o pedir unirse a un juego. Fíjese cuando su hijo la use y dígale lo que vio.",
  },
  "Zones of Regulation": {
    en: "Ask your child which colour zone they are in: blue, green, yellow or red. Talk about what helps to get back to green, like a drink of water or a short walk.",
    es: "Pregunte a su hijo en qué zona de color está: azul, verde, amarilla o roja. Hablen de lo que le ayuda a volver a la verde, como beber agua o caminar un poco.",
  },
  "Check & Connect": {
    en: "Talk with your child every day about school. Keep in touch with the school mentor. Tell them early about anything that makes school hard.",
    es: "Hable con su hijo todos los días sobre la escuela. Manténgase en contacto con el mentor de la escuela. Avísele pronto de cualquier cosa que dificulte ir a la escuela.",
  },
  "Personalised absence letters to families": {
    en: "Every school day counts. Plan bedtimes and mornings so your child arrives on time. If your child must miss school, call the school that morning.",
    es: "Cada día de escuela cuenta. Organice la hora de dormir y las mañanas para que su hijo llegue a tiempo. Si su hijo tiene que faltar, llame a la escuela esa mañana.",
  },
  "Attendance mentor": {
    en: "Talk with your child about what makes getting to school hard. Set a morning routine together. The mentor will call you; tell them what would help.",
    es: "Hable con su hijo sobre lo que le hace difícil ir a la escuela. Preparen juntos una rutina para las mañanas. El mentor le llamará; dígale qué les ayudaría.",
  },
};

/** A library entry's at-home text as the Intervention columns hold it (blank when the seed has none). */
export const atHomeColumns = (name: string) => ({ atHome: DEMO_AT_HOME[name]?.en ?? "", atHomeEs: DEMO_AT_HOME[name]?.es ?? "" });

/**
 * Fills the at-home text of library interventions that have none yet (a
 * district seeded before the field existed); never rewrites text a person
 * has edited. One update per blank intervention, only on seeding.
 */
export async function fillAtHomeIn(tx: Tx, districtId: string): Promise<number> {
  const blank = await tx.intervention.findMany({ where: { districtId, atHome: "", atHomeEs: "", name: { in: Object.keys(DEMO_AT_HOME) } }, select: { id: true, name: true } });
  for (const i of blank) await tx.intervention.update({ where: { id: i.id, districtId }, data: atHomeColumns(i.name) });
  return blank.length;
}
