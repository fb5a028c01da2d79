"""What a WhatsApp message asks for, as the extractors (rules or Claude) read it.

This is the outside contract of understanding a message (docs/contracts.md, "Understanding
a message"): the same structure whichever extractor answered. It says what the person
*asked*; whether it may be done is decided by the services, never by the extractor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from keloia.domain.model.common import Value
from keloia.domain.model.fleet import BusStatus, DocumentKind, MaintenanceType
from keloia.domain.model.money import CostCategory
from keloia.domain.model.papers import PaperKind
from keloia.domain.model.payments import PaymentType
from keloia.domain.model.tenants import Role
from keloia.domain.model.undo import RecordKind


class Intent(StrEnum):
    CREATE_BOOKING = "create_booking"
    UPDATE_BOOKING = "update_booking"
    CANCEL_BOOKING = "cancel_booking"
    COMPLETE_BOOKING = "complete_booking"
    CONFIRM_BOOKING = "confirm_booking"  # "konfirmasi booking bu lilis": pending -> confirmed
    RECORD_PAYMENT = "record_payment"
    LOG_MAINTENANCE = "log_maintenance"
    UPDATE_BUS_STATUS = "update_bus_status"
    ADD_BUS = "add_bus"  # "tambah bus baru AB 1234 XY, 45 seat, nama Srikandi" (owner)
    # "bus 03 ganti nama jadi Arjuna", "plat bus 02 sekarang AB 7788 KL", "bus 01 servis tiap
    # 10rb km" (owner)
    UPDATE_BUS = "update_bus"
    RECORD_TRIP_COST = "record_trip_cost"  # "biaya solar trip bu dewi 1,2jt"
    WAIVE_CANCELLATION_FEE = "waive_cancellation_fee"  # "bebaskan biaya batal bu dewi"
    RECORD_ODOMETER = "record_odometer"
    RECORD_DOCUMENT = "record_document"
    # What the sender saved today, taken back or put right: "hapus yang barusan",
    # "koreksi dp bu wati harusnya 1,5jt bukan 1jt".
    UNDO_LAST = "undo_last"
    CORRECT_LAST = "correct_last"
    REPORT_PROBLEM = "report_problem"
    DECLINE_TRIP = "decline_trip"  # a driver or kernet: "ga bisa narik", "maaf tgl 4 tidak bisa"
    REPORT_DELAY = "report_delay"  # a driver or kernet running late: "sy telat 30 menit"
    # A driver or kernet takes back their "tidak bisa": "tgl 14 ga jadi izin, sy bisa narik".
    RETRACT_DECLINE = "retract_decline"
    # A driver or kernet offers to take a trip or a seat on it, or tells of a swap agreed
    # with a teammate: "tgl 4 yg ke pangandaran sy aja yg bawa", "sy tukeran sm wahyu".
    # Nothing changes: the owner and admins hear it and make the change themselves.
    OFFER_TRIP = "offer_trip"
    QUERY_FREE_BUSES = "query_free_buses"
    QUERY_INCOME = "query_income"
    QUERY_DOCUMENTS = "query_documents"
    QUERY_SCHEDULE = "query_schedule"
    QUERY_OUTSTANDING = "query_outstanding"
    QUERY_BUS_STATUS = "query_bus_status"
    # Money beyond the ledger (owner and admin): "kalau batal sekarang kena berapa?",
    # "trip ke Bali kemarin untung berapa?", "bus mana yang paling menghasilkan?",
    # "bulan depan ramai nggak?".
    QUERY_CANCELLATION_FEE = "query_cancellation_fee"
    QUERY_PROFIT = "query_profit"
    QUERY_BUS_REVENUE = "query_bus_revenue"
    QUERY_SEASON = "query_season"
    # What a trip cost, biggest first ("biaya trip sinar abadi apa aja", "biaya paling gede
    # apa" after its profit); with cost_type uang_jalan a driver asks his own trip's uang
    # jalan ("uang jalan sy bsk brp"), the one cost a driver may read.
    QUERY_TRIP_COSTS = "query_trip_costs"
    # What the workshop cost in a period, per bus: "total biaya bengkel bulan ini brp".
    QUERY_WORKSHOP_COSTS = "query_workshop_costs"
    # Who changed what in the PO's records, from its paper trail: "td sari catat apa aja",
    # "siapa yg ubah booking pak hendra" (owner and admin).
    QUERY_ACTIVITY = "query_activity"
    CONFIRM = "confirm"
    REJECT = "reject"
    CORRECT = "correct"
    HELP = "help"
    REQUEST_PAPER = "request_paper"  # "kwitansi dp bu wati", "surat jalan besok"
    # Word passed on to one of the PO's people: "tolong kabarin pak budi sy telat 30 menit",
    # "bilangin joko jemputnya jam 5 ya" (a trip's notice itself, "kabari wahyu trip malang",
    # is no intent: the assistant sends the notice).
    RELAY_MESSAGE = "relay_message"
    UNKNOWN = "unknown"


class IntentKind(StrEnum):
    ACTION = "action"  # changes records: proposed, confirmed with "ya", then applied
    QUERY = "query"  # answered at once, changes nothing
    REPLY = "reply"  # a reply to the action waiting for confirmation
    OTHER = "other"  # help, a paper, or not understood


@dataclass(frozen=True)
class IntentSpec:
    kind: IntentKind
    fields: frozenset[str]  # the fields it may carry (docs/contracts.md)


def _spec(kind: IntentKind, fields: str = "") -> IntentSpec:
    return IntentSpec(kind, frozenset(fields.split()))


_A, _Q, _R, _O = IntentKind.ACTION, IntentKind.QUERY, IntentKind.REPLY, IntentKind.OTHER
_BOOKING_FIELDS = "client_phone route_from route_to depart_date depart_time return_date bus"
_BOOKING_FIELDS += " driver price passengers pickup_place client_name"

# The one table of what people can ask: its kind and its fields. The extractors (rules and
# Claude), the conversation and the action registry all read it.
INTENTS: dict[Intent, IntentSpec] = {
    Intent.CREATE_BOOKING: _spec(
        _A,
        _BOOKING_FIELDS
        + " kernet buses bus_count crew dp_amount dp_promised method notes stops unplaced seats"
        + " price_per_day dp_paid_date paid_in_full",
    ),
    # With an amount, the payment said with the change ("harga jd 7jt sekalian dp 1jt
    # cash"): the change is proposed first, the payment after it. With condition and no new
    # day, the trip put off until further notice ("diundur aja sampe ada kabar": condition
    # "sampe ada kabar"): nothing changes, the new day is asked.
    Intent.UPDATE_BOOKING: _spec(
        _A,
        _BOOKING_FIELDS
        + " kernet bus_count added_buses ref_date price_per_bus shift_days stops amount"
        + " payment_type method crew buses replaced_bus swap_client condition notes"
        + " discount discount_percent",
    ),
    # With an amount and payment_type refund, the refund said with it ("pak hendra cancel,
    # dp 3jt dibalikin"): the cancellation is proposed first, the refund after it. With
    # cancellation_fee, the fee agreed with the client ("potongan 1jt") instead of the policy's;
    # with dp_forfeited ("dp hangus"), what the client paid is the fee.
    # With condition, a cancellation said for later if something has not happened ("kalo
    # smp tgl 5 blm dp batalin"; date, that deadline): nothing is cancelled now, the person
    # is told how to do it then.
    Intent.CANCEL_BOOKING: _spec(
        _A,
        "client_name ref_date amount payment_type method cancellation_fee dp_forfeited"
        " condition date",
    ),
    # With a km, the closing odometer reading ("udh sampe bantul lg, km akhir 128.400");
    # with an amount, the payment said with it ("sisanya 2,3jt udh dilunasi cash, tandai
    # selesai"): the payment is proposed first, the completion after it.
    Intent.COMPLETE_BOOKING: _spec(
        _A, "client_name ref_date bus odometer_km amount payment_type method"
    ),
    Intent.CONFIRM_BOOKING: _spec(_A, "client_name ref_date amount payment_type method"),
    Intent.RECORD_PAYMENT: _spec(
        _A, "client_name ref_date amount payment_type method paid_date paid_on payments"
    ),
    # With bus_status available, the bus is back from the workshop with the repair ("bus 05
    # udh keluar bengkel, ganti kampas rem 1,8jt"); with bus_status maintenance, it goes in
    # for it, those days (date, date_to: "masuk bengkel hr ini smp tgl 2, ganti kampas rem
    # 1,2jt"): the stay is proposed first, the repair after it.
    Intent.LOG_MAINTENANCE: _spec(
        _A,
        "bus maintenance_type cost performed_date next_due_date description odometer_km bus_status"
        " date date_to",
    ),
    # With readings, those of several buses in one message, one proposal.
    Intent.RECORD_ODOMETER: _spec(_A, "bus odometer_km date readings"),
    # With dates, a workshop stay planned for that period ("masuk bengkel tgl 3 sampe 5").
    Intent.UPDATE_BUS_STATUS: _spec(_A, "bus bus_status date date_to notes"),
    Intent.ADD_BUS: _spec(_A, "bus plate seats bus_class"),
    Intent.UPDATE_BUS: _spec(_A, "bus new_name plate seats maintenance_type every_km every_days"),
    # With a km, the bus's odometer read on the way ("udh smp garasi, km 133.480, solar 650rb").
    # route_to: the trip named by where it goes ("uang jalan 500rb buat yg ke magelang").
    Intent.RECORD_TRIP_COST: _spec(
        _A, "client_name ref_date route_to bus amount cost_type costs odometer_km"
    ),
    Intent.WAIVE_CANCELLATION_FEE: _spec(_A, "client_name ref_date"),
    # recipient: the teammate named as written ("pak budi", "joko"); message: what to tell
    # them, in the sender's words.
    # ref_date: the day of the trip whose driver is meant ("sopir bus 04 besok ...").
    Intent.RELAY_MESSAGE: _spec(_A, "recipient message ref_date depart_time"),
    # With detail "underway", the renewal is in hand and nothing renewed yet ("stnk bus 03
    # lagi diurus"); "requested", the renewal asked of someone ("tolong perpanjang kir bus
    # 02"); "not_renewed", said not renewed ("kir bus 05 ga diperpanjang"): none records
    # an expiry.
    Intent.RECORD_DOCUMENT: _spec(_A, "document_kind bus driver date documents detail"),
    # With the part at fault when named ("ac nya mati"): a repair said after it is its own.
    # With a km, the bus's odometer read when the problem was seen ("km 151.800, rem blong").
    Intent.REPORT_PROBLEM: _spec(_O, "bus description maintenance_type odometer_km"),
    # driver: the teammate they suggest takes it instead ("bisa diganti slamet ga?");
    # more_dates: the other days said with it ("tgl 5 sm 6 sy izin"), each declined too.
    Intent.DECLINE_TRIP: _spec(_O, "client_name ref_date more_dates route_to description driver"),
    # description: the message as written (the delay in their words, the managers read it).
    Intent.REPORT_DELAY: _spec(_O, "description"),
    # The day or trip they can work after all (a day off said, or a trip declined);
    # description: the message as written (the managers read it).
    Intent.RETRACT_DECLINE: _spec(_O, "client_name ref_date route_to description"),
    # The trip offered by day, place or client (more_dates: the other days a swap names);
    # driver: the teammate named (stood in for, swapped with, or driven beside); detail
    # "kernet": offered as kernet, "swap": trips traded with the teammate; description: the
    # message as written (the managers read it).
    Intent.OFFER_TRIP: _spec(
        _O, "client_name ref_date route_to driver detail more_dates description"
    ),
    # Which saved record (the newest that fits), and for a correction the right values.
    Intent.UNDO_LAST: _spec(_A, "record_kind client_name payment_type"),
    Intent.CORRECT_LAST: _spec(
        _A,
        "record_kind client_name payment_type amount price date date_to odometer_km method bus"
        " maintenance_type cost_type",
    ),
    # With seats, only the buses with at least that many; with bus_count, how many are
    # needed ("butuh 2 bus yg 50 kursi tgl 12 kosong ga?"): free against needed.
    # With more_dates, each day is answered on its own ("bsk ..., trs lusa?"). With driver,
    # whether that teammate is free too ("wahyu tgl 5 kosong ga? mau tak suruh bawa srikandi").
    Intent.QUERY_FREE_BUSES: _spec(_Q, "date date_to bus detail seats bus_count more_dates driver"),
    # With rank "largest": the period's payments, biggest first ("yg paling gede dari siapa").
    Intent.QUERY_INCOME: _spec(_Q, "date date_to rank detail"),
    Intent.QUERY_DOCUMENTS: _spec(_Q, "bus driver document_kind detail date date_to"),
    Intent.QUERY_SCHEDULE: _spec(
        _Q, "date date_to bus client_name driver route_to detail more_dates"
    ),
    Intent.QUERY_OUTSTANDING: _spec(_Q, "client_name rank detail"),
    # With a kind of work and no bus: which buses are due for it ("bus mana yg udh waktunya
    # servis").
    Intent.QUERY_BUS_STATUS: _spec(_Q, "bus date maintenance_type"),
    Intent.QUERY_CANCELLATION_FEE: _spec(_Q, "client_name ref_date"),
    Intent.QUERY_PROFIT: _spec(_Q, "client_name route_to date date_to bus"),
    Intent.QUERY_BUS_REVENUE: _spec(_Q, "date date_to"),
    Intent.QUERY_SEASON: _spec(_Q, "date date_to detail"),
    Intent.QUERY_TRIP_COSTS: _spec(_Q, "client_name route_to date date_to bus cost_type"),
    Intent.QUERY_WORKSHOP_COSTS: _spec(_Q, "date date_to bus"),
    # driver: the teammate (any role) whose changes are asked; client_name: the changes of
    # that client's bookings (and their payments and costs).
    Intent.QUERY_ACTIVITY: _spec(_Q, "date date_to driver client_name"),
    # `correct` carries fields named as in the waiting action: that action's list.
    Intent.CONFIRM: _spec(_R),
    Intent.REJECT: _spec(_R),
    Intent.CORRECT: _spec(_R),
    # With record_kind, how one kind of record is written is asked ("klo mau nyatet booking
    # baru caranya gmn"): that one is answered, with an example, instead of the whole menu.
    Intent.HELP: _spec(_O, "record_kind"),
    Intent.REQUEST_PAPER: _spec(_O, "paper client_name ref_date date bus payment_type"),
    # With amount, a bare amount ("3500000"): what it is for is asked, and the next message
    # saying it ("itu dp dr bu dewi td") is read with that amount.
    Intent.UNKNOWN: _spec(_O, "amount"),
}


def of_kind(kind: IntentKind) -> frozenset[Intent]:
    return frozenset(i for i, spec in INTENTS.items() if spec.kind is kind)


# Intents that change records: they always go through a confirmation first.
ACTION_INTENTS = of_kind(IntentKind.ACTION)
QUERY_INTENTS = of_kind(IntentKind.QUERY)
# Intents that only make sense while an action awaits confirmation.
PENDING_INTENTS = of_kind(IntentKind.REPLY)

# The parts of a question a follow-up replaces whole: "kalo minggu ini" replaces the period
# (a day or a range), "kalo pak hendra?" whom or what it is about.
FOLLOW_UP_SLOTS = (
    frozenset({"date", "date_to", "more_dates"}),
    # "yg paling gede siapa" asks who: the client asked before is not carried over.
    frozenset({"client_name", "driver", "bus", "route_to", "rank"}),
)


_BEFORE_THE_NEXT = frozenset({"client_name", "route_to", "date", "date_to", "more_dates"})


def follow_up_fields(topic: Extraction, intent: Intent, said: dict[str, Any]) -> dict[str, Any]:
    """The fields of a question that leans on the one before (`topic`): what the message
    says, and of the topic's fields those `intent` carries and the message leaves alone."""
    carries = INTENTS[intent].fields
    carried = {k: v for k, v in topic.fields.stated().items() if k in carries}
    if topic.fields.detail == "next":
        # "abis borobudur sy jalan lg kapan", then "pulang e tgl brp": the client, place and
        # day named the trip the answer came after, not the one it showed.
        carried = {k: v for k, v in carried.items() if k not in _BEFORE_THE_NEXT}
    for slot in FOLLOW_UP_SLOTS:
        if slot & said.keys():
            carried = {k: v for k, v in carried.items() if k not in slot}
    return carried | {k: v for k, v in said.items() if k in carries}


Money = Annotated[int, Field(strict=True, ge=0)]
ClockTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
E164 = Annotated[str, Field(pattern=r"^\+[1-9]\d{6,14}$")]
Method = Annotated[str, Field(pattern=r"^(cash|qris|transfer(_[a-z0-9]+)?)$")]
Text = Annotated[str, Field(min_length=1, max_length=300)]


class PaymentLine(BaseModel):
    """One of several payments said in one message ("dp bu wati 2jt sama pelunasan pak
    agus 5jt"): each becomes its own proposal."""

    model_config = ConfigDict(extra="forbid")

    client_name: Text
    amount: Money
    payment_type: PaymentType | None = None
    method: Method | None = None
    # The trip's date when said for this payment, or once for all ("... buat trip tgl 12").
    ref_date: dt.date | None = None
    # The day this payment came when said as a bare day with it ("1jt tgl 27 sm 2jt tgl
    # 29"): the assistant's reading, not the contract's (see ExtractedFields.paid_on).
    paid_on: dt.date | None = None


class CostLine(BaseModel):
    """One of several costs of a trip said in one message ("solar 1,2jt, tol 450rb")."""

    model_config = ConfigDict(extra="forbid")

    cost_type: CostCategory
    amount: Money


class CrewLine(BaseModel):
    """The crew named for one bus of a booking with several ("bus 01 sopir joko kernet
    slamet, bus 02 sopir pak wahyu"): each bus gets its own driver and kernet. Without a
    bus, crew named before the buses are chosen ("sopirnya slamet sm joko" for a 2-bus
    trip): paired with the buses in order once they are."""

    model_config = ConfigDict(extra="forbid")

    bus: Text | None = None
    driver: Text | None = None
    kernet: Text | None = None


class DocumentLine(BaseModel):
    """One of several papers said in one message ("stnk srikandi smp 20 nov 2028,
    asuransinya smp 1 jan 2028"): each kind with its expiry and its holder."""

    model_config = ConfigDict(extra="forbid")

    document_kind: DocumentKind
    date: dt.date  # the expiry
    bus: Text | None = None
    driver: Text | None = None  # a SIM's holder


class ReadingLine(BaseModel):
    """One of several odometer readings said in one message ("km bus 03 151.800, km bus 04
    166.500"): each bus with its km."""

    model_config = ConfigDict(extra="forbid")

    bus: Text
    odometer_km: Annotated[int, Field(strict=True, ge=0, le=5_000_000)]


class ExtractedFields(BaseModel):
    """Every field any intent may carry. A field the message does not state is absent:
    never guessed, never null in the output."""

    model_config = ConfigDict(extra="forbid")

    client_name: Text | None = None
    client_phone: E164 | None = None
    route_from: Text | None = None
    route_to: Text | None = None
    depart_date: dt.date | None = None
    depart_time: ClockTime | None = None
    return_date: dt.date | None = None
    ref_date: dt.date | None = None
    bus: Text | None = None
    # Every bus named, when the trip takes more than one ("bus 01 dan bus 03").
    buses: Annotated[list[Text], Field(min_length=2, max_length=20)] | None = None
    # How many buses the trip needs, when said ("3 bus"); some may be assigned later.
    bus_count: Annotated[int, Field(strict=True, ge=1, le=50)] | None = None
    # update_booking: how many buses join the booking ("nambah 1 bus lg, pake bus 01"): its
    # count grows by it and the bus named is assigned beside those it has.
    added_buses: Annotated[int, Field(strict=True, ge=1, le=20)] | None = None
    # update_booking: the bus given up for `bus` ("yg srikandi ganti bus 02": Srikandi); of a
    # booking with several, that one is swapped and its crew stays.
    replaced_bus: Text | None = None
    # update_booking: the other client whose trip trades buses with this one ("bus pak hendra
    # sm bu dewi dituker"): each trip takes the other's bus, its crew kept, both together.
    swap_client: Text | None = None
    driver: Text | None = None
    kernet: Text | None = None  # the co-driver / conductor
    price: Money | None = None
    # A booking's change priced per bus without saying how many ("harganya jadi 9jt per
    # bus"): the booking's buses multiply it.
    price_per_bus: Money | None = None
    # update_booking: a discount granted, taken off the booking's price ("pak hendra minta
    # diskon 500rb, yowis tak kasih": discount 500000; "diskon 10%": discount_percent 10).
    # The new price is counted from the saved one; a discount only asked for is no change.
    discount: Money | None = None
    discount_percent: Annotated[int, Field(strict=True, ge=1, le=100)] | None = None
    # create_booking priced per day ("750rb/hari" over 3 days): the day's price (every bus's),
    # price still the total; shown as how the total is made.
    price_per_day: Money | None = None
    # update_booking: the trip pushed later by this many days (earlier when negative), its
    # new day not said ("diundur 2 hari", "dimajukan sehari"): counted from the booking's.
    shift_days: Annotated[int, Field(strict=True, ge=-366, le=366)] | None = None
    dp_amount: Money | None = None
    # create_booking: the DP is only promised ("dp nya mau tf besok 1jt", "mau tf 3jt", "dp
    # 2,5jt minggu depan"): said as not recorded, never recorded as paid.
    dp_promised: bool | None = None
    # create_booking: the day the DP said with it was paid, when said and before today ("dp
    # 1jt udh masuk tgl 20 kemarin"): the payment is dated by it, never the trip.
    dp_paid_date: dt.date | None = None
    # create_booking: the trip said paid in full ("udh lunas cash"): its price is recorded
    # as paid with it (a settlement), nothing left owing.
    paid_in_full: bool | None = None
    amount: Money | None = None
    # cancel_booking: the fee agreed with the client, said instead of the policy's.
    cancellation_fee: Money | None = None
    # cancel_booking: the DP said forfeited, no amount ("dp hangus", "dp ga balik"): the fee
    # is what the client paid, nothing goes back and nothing more is owed.
    dp_forfeited: bool | None = None
    payment_type: PaymentType | None = None
    cost_type: CostCategory | None = None  # what a trip's money went on
    method: Method | None = None
    paid_date: dt.date | None = None
    # A bare day of the month said right after the money paid ("tf 2jt tgl 28"): the day it
    # came, the latest such day on or before today. The assistant dates the payment by it;
    # the contract's result leaves it out, its labels dating a payment only by "hari ini",
    # "kemarin" or a full date (docs/contracts.md).
    paid_on: dt.date | None = None
    maintenance_type: MaintenanceType | None = None
    cost: Money | None = None
    document_kind: DocumentKind | None = None  # KIR, STNK, izin, insurance, SIM
    performed_date: dt.date | None = None
    next_due_date: dt.date | None = None
    description: Text | None = None
    bus_status: BusStatus | None = None
    # A new bus (add_bus): its number plate, seats and the class it is sold as.
    plate: Annotated[str, Field(min_length=3, max_length=20)] | None = None
    seats: Annotated[int, Field(strict=True, ge=1, le=100)] | None = None
    bus_class: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    # A bus changed (update_bus): its new name, and how often it is serviced.
    new_name: Annotated[str, Field(min_length=1, max_length=60)] | None = None
    every_km: Annotated[int, Field(strict=True, ge=1, le=1_000_000)] | None = None
    every_days: Annotated[int, Field(strict=True, ge=1, le=3650)] | None = None
    date: dt.date | None = None
    date_to: dt.date | None = None
    # A question asked of other days too, each on its own and not as a range ("bsk bus 03
    # sopirnya sapa, trs lusa?": tomorrow, then the day after).
    more_dates: Annotated[list[dt.date], Field(min_length=1, max_length=6)] | None = None
    passengers: Annotated[int, Field(strict=True, ge=1, le=2000)] | None = None
    odometer_km: Annotated[int, Field(strict=True, ge=0, le=5_000_000)] | None = None
    pickup_place: Text | None = None
    notes: Text | None = None
    # relay_message: to whom (a teammate's name as written) and what to pass on.
    recipient: Text | None = None
    message: Annotated[str, Field(min_length=1, max_length=1000)] | None = None
    # cancel_booking: "kalo smp tgl 5 blm dp"; update_booking: "sampe ada kabar" (no new day)
    condition: Text | None = None
    # Places to stop at on the way, in the order said ("mampir batu", "via Jepara"): they
    # join the route before its destination.
    stops: Annotated[list[Text], Field(min_length=1, max_length=10)] | None = None
    # What was said but could not be placed in any field (an unknown destination: "tujuannya
    # ke kebun teh nglinggo"): shown as "Belum tercatat", so nothing said is dropped silently.
    unplaced: Annotated[list[Text], Field(min_length=1, max_length=10)] | None = None
    paper: PaperKind | None = None  # with request_paper: which paper
    # With query_outstanding: only the client owing longest ("yg paling lama siapa") or
    # owing most ("yg paling gede"). With query_income, "largest": who paid most.
    rank: Literal["oldest", "largest"] | None = None
    # With query_schedule: one detail of the trips asked ("jemputnya dmn", "brgkt jam
    # brp" after a schedule), answered in one line per trip instead of the whole trip.
    # With query_free_buses: "crew" when the free drivers are asked ("sopir yg kosong"),
    # "kernet" when the free kernet are ("kalo kernet?"), "fleet_crew" when the buses and
    # the drivers are asked together ("bus sama sopir yg kosong tgl 2 siapa aja").
    # With query_documents: "expiring" when only the papers running out soon are asked
    # ("kir yg mau abis apa aja").
    # With query_outstanding: "refund" when the money to give back is asked ("dp nya
    # dibalikin brp", "refund bu sinta brp"), "unpaid" when only those who paid nothing yet
    # are asked ("yg blm bayar sama sekali sapa aja"), "overdue" when only the balances past
    # their settlement date are ("yg lewat jatuh tempo siapa aja"), "dp" when whether a
    # client paid a DP is asked ("karang taruna udh dp?"), "total" when only the sum owed is
    # ("totalnya brp" after who owes what), "last_paid" when the day of the client's latest
    # payment is ("bu rina terakhir bayar kapan").
    # With update_booking, "no_driver": the trip's driver taken off with nobody in his place
    # ("sopir sd muhammadiyah dikosongin dulu"; driver, when said, is the one taken off).
    # With query_schedule, "no_driver": only the trips that still lack a driver ("yg blm ada
    # sopirnya yg mana"); "no_bus": those that still lack a bus ("yg blm ada busnya?");
    # "unconfirmed": the coming bookings not confirmed yet ("yg masih pending apa aja?").
    # With query_schedule, "paid": what each trip shown has paid ("yg ke bandung udh dp brp");
    # "value": what the trips are worth together ("total nilainya brp" after December's).
    # "next": the trip after those the last answer showed ("trs abis itu kapan lg?").
    # "return": the day the trips shown come back ("pulangnya tgl brp").
    # With query_income, "report": the period's report ("rekap bulan november", "bisa bikin
    # laporan bulanan?"): the money received and spent, and the dashboard's Keuangan page.
    # With query_schedule, "absent": the driver named cannot work that day, passed on by the
    # owner or an admin with no one put in his place ("joko izin tgl 4", "slamet besok ga
    # bisa, sakit"): his trips that day are shown and who replaces him asked.
    # With query_schedule, "free": whether the teammate named is free that day ("wahyu
    # besok kosong ga"): said first, then his trips.
    # With query_season, "holidays": the public holidays of the period ("ada tanggal merah
    # bulan ini?", "libur januari ada apa aja"), not how busy it is; "school_break": when
    # the school break is ("libur sekolah kapan"); "lebaran": the days of Idul Fitri ("tahun
    # depan lebaran tgl brp").
    # With record_document, "underway": a paper's renewal in hand, nothing renewed yet
    # ("stnk bus 03 lagi diurus"); "requested": its renewal asked of someone ("tolong
    # perpanjang kir bus 02"); "not_renewed": said not renewed, no paperwork said under way
    # ("kir bus 05 ga diperpanjang", "kir bus 02 blm diperpanjang"). None records an expiry.
    detail: (
        Literal[
            "pickup",
            "departure",
            "crew",
            "kernet",
            "fleet_crew",
            "expiring",
            "refund",
            "unpaid",
            "no_driver",
            "no_bus",
            "unconfirmed",
            "paid",
            "value",
            "next",
            "return",
            "report",
            "holidays",
            "overdue",
            "dp",
            "school_break",
            "lebaran",
            "absent",
            "free",
            "underway",
            "requested",
            "not_renewed",
            "total",
            "last_paid",
            "swap",
        ]
        | None
    ) = None
    # With undo_last / correct_last: what was saved; with help: what the how-to is about.
    record_kind: RecordKind | None = None
    # Every payment, when one message states several for different clients; the single
    # fields (client_name, amount, ...) still hold the first.
    payments: Annotated[list[PaymentLine], Field(min_length=2, max_length=10)] | None = None
    # The crew of each bus, when a booking of several buses names crew per bus; driver and
    # kernet still hold the first named.
    crew: Annotated[list[CrewLine], Field(min_length=1, max_length=20)] | None = None
    # Every cost, when one message states several for one trip; cost_type and amount still
    # hold the first.
    costs: Annotated[list[CostLine], Field(min_length=2, max_length=20)] | None = None
    # Every paper, when one message states the expiry of more than one; the single fields
    # (document_kind, date, bus, driver) still hold the first.
    documents: Annotated[list[DocumentLine], Field(min_length=2, max_length=20)] | None = None
    # record_odometer: every reading, in order, when one message gives several buses' own.
    readings: Annotated[list[ReadingLine], Field(min_length=2, max_length=20)] | None = None

    def stated(self) -> dict[str, Any]:
        """The fields the message stated, as JSON-ready values (dates ISO, money int)."""
        return self.model_dump(mode="json", exclude_none=True)


# A reading at or above this confidence stands on its own: the rules act on it without
# Claude (KELOIA_CLAUDE_THRESHOLD's default), a part of a message read alone at this bar is a
# request of its own, and so is a "no" after a save that reads alone as something else.
SURE_READING = 0.75


class Extraction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: Intent
    confidence: float = Field(ge=0.0, le=1.0)
    source: Literal["rules", "claude"]
    fields: ExtractedFields = Field(default_factory=ExtractedFields)
    # Further requests said in the same message, each read alone, in the order said ("bu
    # rina tf 2,2jt, sekalian bsk pkk jemputnya jam 6"): proposed one after the other. Not
    # part of the contract's single result.
    more: tuple[Extraction, ...] = ()
    # A phone number said in a message read as a change, which update_booking does not
    # carry: a client's own message forwarded ("... Nomor hp saya 0813-2222-3333") reads
    # like a change of that client's booking; when there is none and the trip it describes
    # is booked instead (assistant/proposals.py), the number is the client's. Not part of
    # the contract's result.
    said_phone: E164 | None = None
    # update_booking: the teammate whose trip a crew change names, never changed himself
    # ("kernet joko slamet": the trip Joko drives, or whose kernet he is, gets Slamet as its
    # kernet). Not part of the contract's result.
    crew_of: Annotated[str, Field(min_length=1, max_length=60)] | None = None
    # query_schedule: where each trip picks up asked beside the whole trips ("jadwalnya
    # siapa aja yang jalan terus jemputnya di mana"): each trip's line says it. Not part of
    # the contract's result.
    asks_pickup: bool = False
    # A no to the action waiting, said before this request ("ga usah, blm kok. catet dp
    # karang taruna 1jt cash aja"): the waiting one is dropped, this one proposed. Not part
    # of the contract's result (which is the request).
    drops_waiting: bool = False

    def to_contract(self) -> dict[str, Any]:
        """The JSON object `keloia nlu parse` prints."""
        return {
            "intent": self.intent.value,
            "confidence": round(self.confidence, 3),
            "source": self.source,
            "fields": self.fields.model_dump(mode="json", exclude_none=True, exclude=_NOT_CONTRACT),
        }


# The readings the assistant keeps beside the contract's fields, left out of its result.
_NOT_CONTRACT: Any = {"paid_on": True, "payments": {"__all__": {"paid_on"}}}


class ExtractionContext(Value):
    """What an extractor may know besides the text. Who the sender is never comes from
    the text: it is fixed here by the caller from authentication."""

    today: dt.date
    role: Role = Role.ADMIN
    pending: Extraction | None = None
    # The question the last answer was about (conversation.Topic): an elliptical follow-up
    # ("kalo minggu ini", "jemputnya dmn jam brp", "pake wahyu aja") is read against it.
    topic: Extraction | None = None
    recent_turns: tuple[str, ...] = ()
    bus_names: tuple[str, ...] = ()
    # The PO's people by name: "joko abis ini jalan kmn" asks about a person, not a client.
    team_names: tuple[str, ...] = ()
    # The sender's own name (from authentication, like the role): a driver writing his own
    # name ("joko izin bsk ya pak" from Joko) speaks of himself, not of a teammate.
    sender_name: str = ""
    # The PO's clients of the weeks around today, as their bookings spell them: "hendra
    # sisa brp" names Pak Hendra though it drops the title.
    client_names: tuple[str, ...] = ()
