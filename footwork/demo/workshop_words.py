"""The demo's Stronger Feet Workshop: its words, drawn from the founding story's three exercises (their cues and
safety notes in exercises/data/library.yaml) and CLINICAL.md section A (the pain traffic lights, the plyometric
exclusions of section 7, the race-calendar rule)."""

from __future__ import annotations

TITLE = "Stronger Feet Workshop"
SUBTITLE = "Three exercises, fifteen minutes a day, four weeks: feet and calves that last a marathon"
SUMMARY = (
    "A self-guided four-week program of three short daily exercises for marathoners: a sideways walk along a step "
    "edge, a single-leg forefoot balance with the knee high, and a half-kneeling lunge jump."
)
DESCRIPTION = """\
Most runners train their heart, lungs and legs, and leave their **feet** to cope. Late in a marathon, the small
muscles of the foot and the calf tire first, and the ankle stops making the quick corrections it makes in the first
hour. This workshop trains exactly that, in about **fifteen minutes a day**.

**The three exercises**

1. **Sideways walk along a step edge**: half of each foot on the step, heels level, rail or wall close by.
2. **Single-leg forefoot balance on a step edge**, the other knee high as if frozen mid-stride: 15 to 30 seconds
   on each foot, then the same with running arms.
3. **Half-kneeling to runner's lunge jump**: 6 to 8 on each side, landing softly on one foot.

Three sets of each, every day. The balance grows by five seconds a week, the jumps by one a week.

**What you need**: a low, non-slip step (the bottom stair or a kerb) with a rail or wall within reach, and a soft
mat for the knee.

**How it adapts to you**: after each session you note your pain during and after, and each morning how your calf,
Achilles or heel feels. Footwork uses those answers to move you on, hold you where you are or step you back.
"""
FOR_WHOM = (
    "Runners training for a marathon or half marathon who want a short daily routine for stronger feet, calves and "
    "hips, including those with mild, settled Achilles or heel soreness that stays at 5/10 or below."
)
NOT_FOR_WHOM = (
    "Anyone with a recent injury that has not been assessed, pain above 5/10 in the calf, Achilles or heel, or who "
    "cannot stand on one leg for 30 seconds. Start with a clinician, or with Footwork's Achilles or plantar heel "
    "program, instead."
)
CHECKOUT_URL = "https://shop.footwork.example/stronger-feet-workshop"

# (day it unlocks, title, text in Markdown)
LESSONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "Why feet need training too",
        """\
Every running stride lands on one foot with two to three times your body weight. The foot's small muscles and the
calf soak up that load and hand it back as spring. They tire like any other muscle, and late in a long run they are
often the first to go: the ankle wobbles more, the calf works harder and the Achilles takes the strain.

The three exercises of this workshop train the foot, the calf and the hip together, in the positions you run in.
They take about fifteen minutes, and they work best **every day**, a little at a time, rather than hard once a week.

Today: do the session, then answer two short questions about pain. That is all.""",
    ),
    (
        2,
        "Setting up your step",
        """\
Use a **low, non-slip step**: the bottom stair, a sturdy block or a kerb, never a high stair. Keep a **rail or wall
within reach** for every exercise, and put a soft mat down for the knee before the jumps.

Train barefoot or in flat shoes. If you do the session in a gym, a low aerobics step beside a wall is ideal.

On the sideways walk, only the front half of each foot is on the step and the heels stay **level with it**: if
they sink, you have turned it into a calf stretch.""",
    ),
    (
        3,
        "The fear factor on the step edge",
        """\
Standing on the ball of one foot at the edge of a step feels exposed the first time. That is normal, and it is
part of the training: your ankle is learning to make the small, quick corrections it needs late in a race.

- Hold the rail or wall **lightly** at first, and let go as you get steady.
- Stand tall over the **big-toe ball**, heel quiet, the other knee up at hip height.
- Small wobbles are the training. If the ankle gives way, step down and start the hold again.

Most runners find the fear fades within the first week.""",
    ),
    (
        5,
        "How much pain is OK",
        """\
Some discomfort in the calf, Achilles or heel is allowed, and Footwork reads it like a traffic light:

- **0 to 2 out of 10**: green. Carry on.
- **3 to 5 out of 10**: amber. Acceptable, as long as it has settled to your usual level **by the next morning**.
- **6 or more**: red. Footwork will step the exercise back.

The **morning after** matters most: a calf or Achilles that is stiffer than usual the next morning tells you the
day before was too much. Answer the morning check-in honestly, and the program will do the rest.""",
    ),
    (
        8,
        "The jumps: proceed cautiously",
        """\
The half-kneeling lunge jump is the demanding part of the workshop. Start small, land **quietly** on one foot, and
hold each landing for two seconds.

Leave the jumps out, and Footwork will hold them back for you, on any day when:

- your calf, Achilles or heel is sorer than usual in the morning;
- hopping on one leg hurts more than 2 or 3 out of 10;
- your pain during exercise is above 5 out of 10;
- it is the day after a race or a run of more than two hours.""",
    ),
    (
        10,
        "Adding running arms",
        """\
Once you can hold the forefoot balance for **30 seconds on each foot** for a week, Footwork moves you on to the
same balance **with running arms**: elbows bent about 90 degrees, hands swinging from hip to chest height, slowly at
first and then at your easy running rhythm.

The arms swing; everything below the hips stays still. Your foot has to absorb the rotation, just as it does on
every stride.""",
    ),
    (
        15,
        "Strength around your marathon",
        """\
Keep the workshop going through your build. In the last two weeks before a race, do less, not nothing:

- the last full session about **10 to 14 days** before the race;
- one lighter session, with half the sets and half the jumps, **7 to 10 days** out;
- from **6 to 3 days** out, only the balance holds and the sideways walk;
- nothing in the **last two days**.

If you add your race to Footwork's calendar, it plans this for you.""",
    ),
    (
        22,
        "When to see a clinician",
        """\
This workshop is training, not treatment. **Stop and see a clinician** if you notice:

- a sudden pop or kick in the calf, or you cannot rise onto the ball of one foot;
- heel or foot pain that gets worse over days, hurts at night or at rest, or does not ease as you warm up;
- burning, tingling or numbness in the heel or sole;
- a swollen, warm or tender calf, especially after a long journey.

Footwork asks about these before your first session and whenever you report one, and pauses your program if you
do.""",
    ),
    (
        28,
        "Retest, and what comes next",
        """\
Four weeks ago you tested your single-leg heel raises and your forefoot balance. Test them again this week:
Footwork shows your before and after side by side.

A change of more than **6 heel raises** is a real change, not day-to-day noise. A target worth aiming for is at
least **25 heel raises on each leg**, with the weaker side within 90 % of the stronger.

Keep a short version of the three exercises in your week through your marathon build.""",
    ),
)

ANNOUNCEMENTS: tuple[tuple[int, str], ...] = (
    # (days ago, text). Self-paced: participants are on different days, so each word fits any of them.
    (
        12,
        "Welcome to everyone who joined this week! Set up your step with the day 2 lesson, and keep the rail close.",
    ),
    (
        3,
        "A tip for every week: if your calf or Achilles is stiffer than usual in the morning, leave the jumps out "
        "that day. The balance and the sideways walk still count.",
    ),
)
