"""The words for what an entry of the paper trail did, after the person's name ("Sari
mencatat pembayaran"): one set for the Aktivitas page, a booking's history and the chat's
answer of what was changed ("td sari catat apa aja"), so they never say one change two
ways."""

from __future__ import annotations

# What each entry's action says, after the person's name ("Sari mencatat pembayaran"):
# every action the trail writes (a test reads them from the events).
ACTIONS = {
    "tenant.created": "mendaftarkan PO di Keloia",
    "tenant.updated": "mengubah pengaturan PO",
    "invite.created": "membuat kode undangan",
    "invite.revoked": "mencabut kode undangan",
    "user.joined": "bergabung ke tim",
    "user.updated": "mengubah data anggota tim",
    "user.day_off": "mengajukan izin tidak bertugas",
    "user.day_off_taken_back": "membatalkan izin tidak bertugas",
    "user.message_relayed": "meneruskan pesan",
    "user.trip_offered": "menawarkan diri bertugas",
    "booking.created": "membuat booking",
    "booking.updated": "mengubah booking",
    "booking.pending": "mengembalikan booking ke menunggu konfirmasi",
    "booking.confirmed": "mengonfirmasi booking",
    "booking.completed": "menandai perjalanan selesai",
    "booking.cancelled": "membatalkan booking",
    "booking.voided": "membatalkan perubahan status booking",
    "booking.corrected": "mengoreksi booking",
    "booking.cancellation_fee_waived": "membebaskan biaya pembatalan",
    "booking.crew_ready": "menyatakan siap bertugas",
    "booking.crew_declined": "menyatakan tidak bisa bertugas",
    "payment.recorded": "mencatat pembayaran",
    "payment.voided": "menghapus pembayaran yang salah catat",
    "payment.corrected": "mengoreksi pembayaran",
    "trip_cost.recorded": "mencatat biaya perjalanan",
    "trip_cost.voided": "menghapus biaya perjalanan yang salah catat",
    "trip_cost.corrected": "mengoreksi biaya perjalanan",
    "bus.created": "menambah bus",
    "bus.updated": "mengubah data bus",
    "bus.status": "mengubah status bus",
    "bus.problem": "melaporkan kendala bus",
    "crew.delayed": "mengabarkan terlambat",
    "bus.odometer": "mencatat km odometer",
    "bus.service_interval": "mengatur jadwal servis berkala",
    "maintenance.logged": "mencatat perawatan bus",
    "maintenance.voided": "menghapus catatan perawatan yang salah catat",
    "maintenance.corrected": "mengoreksi catatan perawatan",
    "odometer.voided": "membatalkan catatan km odometer",
    "odometer.corrected": "mengoreksi catatan km odometer",
    "document.added": "mencatat dokumen",
    "document.renewed": "memperbarui dokumen",
    "document.voided": "membatalkan catatan dokumen",
    "document.corrected": "mengoreksi catatan dokumen",
    "paper.drawn": "membuat dokumen PDF",
    "media.received": "mengirim foto atau berkas",
}
# An entry the page has no words for yet is still shown, never as its code.
OTHER_ACTION = "mengubah data"
# Said beside a payment that confirmed its waiting booking (Payment.confirmed_booking).
CONFIRMED_BY_MONEY = ", booking jadi terkonfirmasi"
